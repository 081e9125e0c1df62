"""merge_asof: match each trade to the latest quote of the same ticker at most 2 seconds earlier."""
import pandas as pd

t = lambda s: pd.Timestamp(f"2024-05-02 10:00:{s:02d}")
trades = pd.DataFrame({"time": [t(1), t(3), t(5), t(8), t(9), t(10)],
                       "ticker": ["AAA", "BBB", "AAA", "AAA", "AAA", "BBB"],
                       "qty": [10, 5, 7, 3, 4, 8]})
quotes = pd.DataFrame({"time": [t(0), t(2), t(4), t(6), t(8)],
                       "ticker": ["AAA", "BBB", "AAA", "BBB", "AAA"],
                       "bid": [100.0, 50.0, 101.0, 51.0, 99.5]})
m = pd.merge_asof(trades, quotes, on="time", by="ticker", tolerance=pd.Timedelta("2s"))
print(m)
print("unmatched", m["bid"].isna().sum())
print(m["bid"].sum())
