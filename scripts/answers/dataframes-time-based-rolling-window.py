"""pandas rolling('7D') mean on irregularly dated sales: the value on the last date, against a 7-row window."""
import pandas as pd

s = pd.Series(
    [10, 12, 9, 30, 14, 11, 8, 20],
    index=pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-06",
                          "2024-05-08", "2024-05-09", "2024-05-13", "2024-05-14"]),
)
by_time = s.rolling("7D").mean()
by_rows = s.rolling(7).mean()
print(pd.DataFrame({"sales": s, "7D": by_time.round(3), "7 rows": by_rows.round(3)}))
print(round(float(by_time.iloc[-1]), 3))
