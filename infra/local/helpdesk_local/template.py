"""Reads template.yaml and resolves CloudFormation intrinsics against the resources the local stack made."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ACCOUNT_ID = "123456789012"
NO_VALUE = object()


def load_template(path: Path) -> dict[str, Any]:
    import yaml

    class TemplateLoader(yaml.SafeLoader):
        pass

    def short_form(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
        name = (
            "Ref"
            if tag_suffix == "Ref"
            else ("Condition" if tag_suffix == "Condition" else f"Fn::{tag_suffix}")
        )
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if name == "Fn::GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {name: value}

    TemplateLoader.add_multi_constructor("!", short_form)
    return json.loads(json.dumps(yaml.load(path.read_text(), Loader=TemplateLoader)))  # noqa: S506


@dataclass
class Created:
    """What a created resource answers to Ref and Fn::GetAtt."""

    ref: str
    attrs: dict[str, str] = field(default_factory=dict)


# Whatever stage a test names, the emulator is never AWS: the local front (web.py) plays CloudFront's part.
AWS_ONLY_CONDITION = "OnAws"


class Resolver:
    def __init__(self, template: dict[str, Any], parameters: dict[str, str], region: str) -> None:
        self.template = template
        self.region = region
        self.created: dict[str, Created] = {}
        self.parameters = {
            name: str(parameters.get(name, spec.get("Default", "")))
            for name, spec in template.get("Parameters", {}).items()
        }
        self.pseudo = {
            "AWS::Region": region,
            "AWS::AccountId": ACCOUNT_ID,
            "AWS::Partition": "aws",
            "AWS::StackName": "helpdesk-local",
            "AWS::URLSuffix": "amazonaws.com",
        }

    def condition(self, name: str) -> bool:
        if name == AWS_ONLY_CONDITION:
            return False
        return bool(self.resolve(self.template.get("Conditions", {})[name]))

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [v for v in (self.resolve(v) for v in value) if v is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            handler = _INTRINSICS.get(key)
            if handler:
                return handler(self, arg)
        return {k: r for k, r in ((k, self.resolve(v)) for k, v in value.items()) if r is not NO_VALUE}

    def ref(self, name: str) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.created:
            return self.created[name].ref
        raise KeyError(f"Ref to {name}, which is not created yet")

    def get_att(self, name: str, attr: str) -> str:
        try:
            return self.created[name].attrs[attr]
        except KeyError:
            raise KeyError(f"Fn::GetAtt {name}.{attr} is not known locally") from None

    def sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if "." in name:
                return str(self.get_att(*name.split(".", 1)))
            return str(self.ref(name))

        return re.sub(r"\$\{([^}]+)\}", replace, text)


def _get_att(r: Resolver, arg: Any) -> str:
    name, attr = arg.split(".", 1) if isinstance(arg, str) else arg
    return r.get_att(name, attr)


_INTRINSICS = {
    "Ref": lambda r, a: r.ref(a),
    "Fn::GetAtt": _get_att,
    "Fn::Sub": lambda r, a: r.sub(a),
    "Fn::Join": lambda r, a: a[0].join(str(v) for v in r.resolve(a[1])),
    "Fn::Select": lambda r, a: r.resolve(a[1])[int(r.resolve(a[0]))],
    "Fn::Split": lambda r, a: str(r.resolve(a[1])).split(a[0]),
    "Fn::If": lambda r, a: r.resolve(a[1] if r.condition(a[0]) else a[2]),
    "Fn::Equals": lambda r, a: str(r.resolve(a[0])) == str(r.resolve(a[1])),
    "Fn::Not": lambda r, a: not r.resolve(a[0]),
    "Fn::And": lambda r, a: all(r.resolve(v) for v in a),
    "Fn::Or": lambda r, a: any(r.resolve(v) for v in a),
    "Condition": lambda r, a: r.condition(a),
}


def references(value: Any) -> set[str]:
    """Logical ids a piece of template refers to (for ordering creation)."""
    found: set[str] = set()
    if isinstance(value, list):
        for v in value:
            found |= references(v)
    elif isinstance(value, dict):
        for key, arg in value.items():
            if key == "Ref" and isinstance(arg, str):
                found.add(arg)
            elif key == "Fn::GetAtt":
                found.add(arg.split(".")[0] if isinstance(arg, str) else arg[0])
            elif key == "Fn::Sub":
                text = arg if isinstance(arg, str) else arg[0]
                found |= {m.split(".")[0] for m in re.findall(r"\$\{([^}!]+)\}", text)}
                if not isinstance(arg, str):
                    found |= references(arg[1])
            else:
                found |= references(arg)
    return found
