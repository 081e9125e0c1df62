"""Hourly UTC partitions a Berlin-time filter [2024-03-30 00:00, 2024-04-02 00:00) must read (DST starts on 31 March)."""
import pandas as pd

start = pd.Timestamp("2024-03-30 00:00", tz="Europe/Berlin").tz_convert("UTC")
end = pd.Timestamp("2024-04-02 00:00", tz="Europe/Berlin").tz_convert("UTC")
partitions = pd.date_range(start, end, freq="h", inclusive="left")
print("first", partitions[0], "last", partitions[-1], "naive count", 3 * 24)
print(len(partitions))
