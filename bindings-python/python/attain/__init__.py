"""attain: deterministic, exact KPI scoring for sales teams (销售KPI绩效考核表).

>>> import attain
>>> plan = attain.Plan.from_dict({
...     "id": "telesales", "name": "电话销售", "version": "1",
...     "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"},
...                     "direction": "higher_is_better", "target": {"value": 200},
...                     "curve": {"kind": "ratio", "cap": 120}}],
...     "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]}})
>>> results = plan.score([{"id": "zhang.san", "actuals": {"calls": 212}}])
>>> results["zhang.san"].total
Decimal('106.00')

`attain.run(document, facts=...)` goes from CRM facts (CSV / JSON Lines), a roster
and a period to the scorecards of every person and team, with a ledger of every
fact row. The rules live in the Rust core; this package converts Python values (dicts,
Decimals, pandas / polars / Arrow tables) to it and back.
"""

from ._errors import Error, InputError, PlanError, Problem
from ._attain import Plan, Results, Run, Scorecard, WhatIf, __version__, plan_schema, run, run_json

__all__ = [
    "Error",
    "InputError",
    "Plan",
    "PlanError",
    "Problem",
    "Results",
    "Run",
    "Scorecard",
    "WhatIf",
    "__version__",
    "plan_schema",
    "run",
    "run_json",
]
