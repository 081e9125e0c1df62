"""Distinct customers after normalising the 14 sign-up emails given in the task."""
import numpy as np
import pandas as pd

RAW = [" Ana@Example.com", "ana@example.com ", "ANA@EXAMPLE.COM", "ben.smith@mail.org", "Ben.Smith@Mail.org",
       "cy@uni.edu", "cy@uni.edu", "dana@shop.io", "", None, "eli@data.ai ", "Eli@Data.AI", "   ", "fay@lab.dev"]
df = pd.DataFrame({"email": RAW})
print("naive nunique:", df["email"].nunique())
clean = df["email"].str.strip().str.lower().replace("", np.nan)
print("cleaned values:", sorted(clean.dropna().unique()))
print("rows with no usable email:", clean.isna().sum())
print(clean.nunique())
