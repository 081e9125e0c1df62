"""Monthly token bill of a chat workload and the share paid for output (challenge llm-cost-caching-monthly-token-bill)."""
REQ_PER_DAY, DAYS = 25_000, 30
IN_TOK, OUT_TOK = 1_800, 350
IN_PRICE, OUT_PRICE = 2.50 / 1e6, 10.00 / 1e6      # dollars per token
per_request = IN_TOK * IN_PRICE + OUT_TOK * OUT_PRICE
monthly = REQ_PER_DAY * DAYS * per_request
print(f"${per_request:.5f} per request; output share {OUT_TOK * OUT_PRICE / per_request:.1%}")
print(round(monthly, 2))
