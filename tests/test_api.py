"""The public API is pinned: changing it must be deliberate."""

import inspect

import accord

PUBLIC = {
    "STANCE", "AccordError", "Actor", "ActorKind", "After", "AllOf", "AnyOf", "AtLeast", "Before",
    "Commitment", "CommitmentKind", "CommitmentStatus", "Compare", "Component", "ComponentStatus",
    "Condition", "ConditionSyntaxError", "Duration", "Fact", "Framework", "InForce", "IntervalScale",
    "Issue", "Membership", "NominalScale", "Not", "OrdinalScale", "Period", "Position", "Quantity",
    "Scale", "Source", "Stance", "StatusChange", "UnknownReferenceError", "ValidationError",
    "parse_date", "to_records",
    # comparison
    "Consensus", "ContestedIssue", "Divergence", "DivergenceMatrix", "FrameworkDiff", "IssueDivergence",
    "blocs", "consensus", "contested_issues", "diff", "divergence", "divergence_matrix", "divergence_series",
    # conditions
    "Evaluation", "Facts", "Truth", "evaluate", "parse_condition", "what_would_it_take",
    # serialisation
    "FORMAT_VERSION", "LoadError", "dump", "dumps", "from_dict", "json_schema", "load", "loads", "to_dict",
}  # fmt: skip


def test_top_level_names() -> None:
    assert set(accord.__all__) == PUBLIC
    for name in accord.__all__:
        assert hasattr(accord, name), name


def test_public_modules_are_attributes_after_import_accord() -> None:
    # the README and DESIGN write `accord.examples.postwar_ukraine()`
    import subprocess
    import sys

    code = "import accord; accord.examples.postwar_ukraine(); accord.measures.s_score; accord.reports.summary"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_names_have_docstrings() -> None:
    for name in accord.__all__:
        obj = getattr(accord, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{name} has no docstring"
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and inspect.isfunction(member):
                    assert inspect.getdoc(member), f"{name}.{attr} has no docstring"


def test_model_classes_are_frozen_slotted_keyword_only() -> None:
    import attrs

    for cls in (accord.Actor, accord.Membership, accord.Issue, accord.Position, accord.Commitment,
                accord.StatusChange, accord.Quantity, accord.Component, accord.Framework, accord.Source,
                accord.Period):  # fmt: skip
        assert attrs.has(cls)
        assert "__slots__" in vars(cls), cls
        assert all(a.kw_only for a in attrs.fields(cls) if a.init), cls
        instance_setattr = cls.__setattr__
        assert instance_setattr is not object.__setattr__, cls  # frozen: attrs installs a refusing hook
