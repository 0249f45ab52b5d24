"""差額 (retroactive differences) and 追給・戻入 (individual corrections), paid through a monthly run."""
