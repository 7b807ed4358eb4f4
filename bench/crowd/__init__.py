"""The parts of bench/sessions.py, one job each: people (a simulated tab), clients (the processes that hold
them), driver (games in the database), servers, measure (a window's CPU and lag), ramp (steps and the
pass/fail rule), profiling (py-spy), report (tables) and compare (checkouts side by side)."""
