"""Monthly cost of a nightly summarisation job at list price and through a 50%-off batch API (challenge llm-cost-caching-batch-api-nightly-job)."""
DOCS, NIGHTS, IN_TOK, OUT_TOK = 40_000, 30, 2_500, 200
IN_PRICE, OUT_PRICE, BATCH_DISCOUNT = 0.40 / 1e6, 1.60 / 1e6, 0.5
list_price = DOCS * NIGHTS * (IN_TOK * IN_PRICE + OUT_TOK * OUT_PRICE)
print(f"list ${list_price:.2f}, batch ${list_price * BATCH_DISCOUNT:.2f}")
print(round(list_price * BATCH_DISCOUNT, 2))
