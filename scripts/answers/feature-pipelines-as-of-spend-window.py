"""As-of 7-day spend without look-ahead (challenge feature-pipelines-as-of-spend-window)."""
import pandas as pd

tx = pd.DataFrame({
    "ts": pd.to_datetime(["2024-03-01 09:00", "2024-03-03 18:30", "2024-03-05 12:00",
                          "2024-03-08 23:59", "2024-03-10 00:00", "2024-03-10 08:15"]),
    "amount": [20, 35, 15, 40, 60, 25],
})
as_of = pd.Timestamp("2024-03-10 00:00")
window = tx[(tx.ts >= as_of - pd.Timedelta(days=7)) & (tx.ts < as_of)]
leaky = tx[(tx.ts >= as_of - pd.Timedelta(days=7)) & (tx.ts <= as_of)]
print(f"rows used {len(window)}; a <= filter would give {leaky.amount.sum()}")
print(window.amount.sum())
