"""`helpdesk cost`: the monthly AWS bill of a workload, line by line, from measured request counts."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("cost", help="the monthly AWS bill of a workload, line by line")
    parser.add_argument("--tickets-per-month", type=int, default=10_000)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--licenses", type=int, default=2_000)
    parser.add_argument(
        "--search-backend",
        choices=("opensearch", "tantivy-s3"),
        help="price this search backend (default: template.yaml's SearchBackend default)",
    )
    parser.add_argument("--markdown", action="store_true", help="a Markdown table (docs/cost.md)")
    parser.set_defaults(handler=_cost)


def _cost(args: argparse.Namespace) -> int:
    from helpdesk_local.cost import ROOT, Workload, bill, load_inputs
    from helpdesk_local.cost_search import default_backend
    from helpdesk_local.template import load_template

    measured, prices, topology = load_inputs()
    backend = args.search_backend or default_backend(load_template(ROOT / "template.yaml"))
    workload = Workload(args.tickets_per_month, args.staff, args.licenses)
    lines = bill(workload, measured, prices, topology, search_backend=backend)
    total = sum(line.dollars for line in lines)
    title = (
        f"{workload.tickets:,} tickets a month, {workload.staff} staff, {workload.licenses:,} licenses, "
        f"search on {backend}"
    )
    if args.markdown:
        print(f"| {title} | | $ / month |\n|---|---|---:|")
        for line in lines:
            print(f"| {line.service} | {line.what}{'' if line.measured else ' *'} | {line.dollars:,.2f} |")
        print(f"| **Total** | | **{total:,.2f}** |")
    else:
        print(title)
        for line in lines:
            mark = " " if line.measured else "*"
            print(f"  {line.service:<17}{mark} {line.what:<68} {line.dollars:>10,.2f}")
        print(f"  {'Total':<87}{total:>10,.2f}")
        print(
            "  (* estimated, not measured; prices:",
            prices["region"],
            "-",
            prices["as_of"].split(";")[0] + ")",
        )
    zendesk = workload.staff * prices["zendesk_suite_team_agent_month"]
    freshdesk = workload.staff * prices["freshdesk_growth_agent_month"]
    agents = f"\nFor {workload.staff} agents:"
    print(f"{agents} Zendesk Suite Team ${zendesk:,}, Freshdesk Growth ${freshdesk:,} a month.")
    return 0
