# Shorthands for scripts/dev, which works without make on a bare Swift image.
.PHONY: run test
run:
	scripts/dev run
test:
	scripts/dev test
