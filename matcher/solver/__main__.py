"""`python -m matcher.solver INSTANCE.json …`: the same as `matcher solve`."""

from matcher.solve_command import solve

if __name__ == "__main__":
    solve()
