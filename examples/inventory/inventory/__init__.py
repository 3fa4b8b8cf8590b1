"""A tiny stock-keeping library: the bundled example project for git-oneshot."""
