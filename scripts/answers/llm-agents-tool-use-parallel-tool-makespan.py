"""Wall time of an agent's tool plan when independent calls run in parallel (critical path) vs one at a time."""
from graphlib import TopologicalSorter

latency = {"search_flights": 2.4, "search_hotels": 1.8, "get_weather": 0.6, "check_visa": 1.1,
           "price_total": 0.3, "book_flight": 1.5, "book_hotel": 1.2, "send_summary": 0.4}
needs = {"search_flights": [], "search_hotels": [], "get_weather": [], "check_visa": [],
         "price_total": ["search_flights", "search_hotels"],
         "book_flight": ["price_total", "check_visa"], "book_hotel": ["price_total"],
         "send_summary": ["book_flight", "book_hotel", "get_weather"]}
finish = {}
for call in TopologicalSorter(needs).static_order():
    finish[call] = max((finish[d] for d in needs[call]), default=0.0) + latency[call]
print("sequential", round(sum(latency.values()), 2))
print(round(max(finish.values()), 2))
