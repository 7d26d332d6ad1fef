"""Output formats: text, json, SARIF 2.1.0 (as GitHub code scanning reads it), annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newspost import FormatError, loads
from newspost.validate import (
    FORMATS,
    Config,
    Issue,
    Report,
    Severity,
    format_reports,
    styled_text,
    validate,
)

pytestmark = pytest.mark.usefixtures("rules")

POST = "---\ntitle: BREAKING\n---\nFirst line.\nA TODO here.\n"


def reports() -> list[Report]:
    return [
        validate(loads(POST, path="posts/2024-01-01-a.md")),
        validate(loads("---\ntitle: Calm\ncategories: [x]\n---\nText.\n", path="posts/b.md")),
        validate(loads(POST, path="posts/뉴스 c.md")),
    ]


def render(fmt: str, config: Config | None = None, given: list[Report] | None = None) -> str:
    return "".join(format_reports(given if given is not None else reports(), fmt, config=config))


def test_formats_registry() -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "github"}
    with pytest.raises(FormatError, match="unknown report format 'xml'"):
        format_reports([], "xml")


def test_text_one_line_per_issue_grouped_by_file() -> None:
    assert render("text").splitlines() == [
        "posts/2024-01-01-a.md:1:1: NP911 no categories",
        "posts/2024-01-01-a.md:2:1: NP901 the title is in capitals",
        "posts/2024-01-01-a.md:5:3: NP902 TODO left in the post",
        "posts/뉴스 c.md:1:1: NP911 no categories",
        "posts/뉴스 c.md:2:1: NP901 the title is in capitals",
        "posts/뉴스 c.md:5:3: NP902 TODO left in the post",
    ]


def test_text_is_the_terminal_text_without_colours() -> None:
    assert render("text") == "".join(styled_text(report).plain for report in reports())


def test_text_streams_one_chunk_per_report_with_issues() -> None:
    chunks = format_reports(iter(reports()), "text")
    assert next(chunks).startswith("posts/2024-01-01-a.md:")
    assert next(chunks).startswith("posts/뉴스 c.md:")


def test_json_fields() -> None:
    found = json.loads(render("json"))
    assert len(found) == 6
    assert found[1] == {
        "path": "posts/2024-01-01-a.md",
        "line": 2,
        "column": 1,
        "code": "NP901",
        "name": "test-title-shouting",
        "severity": "warning",
        "message": "the title is in capitals",
        "fixable": False,
    }
    assert found[0]["line"] is None and found[0]["column"] is None  # about the whole file
    assert render("json", given=[]) == "[]\n"


def test_json_keeps_non_ascii() -> None:
    assert "뉴스 c.md" in render("json")


# -- GitHub workflow commands ----------------------------------------------------------------


def test_github_annotations() -> None:
    lines = render("github").splitlines()
    assert lines[0] == "::notice file=posts/2024-01-01-a.md,title=NP911::no categories"
    assert (
        lines[1]
        == "::warning file=posts/2024-01-01-a.md,line=2,col=1,title=NP901::the title is in capitals"
    )
    assert (
        lines[2]
        == "::error file=posts/2024-01-01-a.md,line=5,col=3,title=NP902::TODO left in the post"
    )


def test_github_escaping() -> None:
    issue = Issue(
        code="NP902",
        name="test-todo-left",
        severity=Severity.ERROR,
        message="100% wrong\r\nsecond: line, here",
        path="dir,with:odd%/a.md",
        line=3,
        column=4,
    )
    out = render("github", given=[Report(path=issue.path, issues=[issue])])
    assert out == (
        "::error file=dir%2Cwith%3Aodd%25/a.md,line=3,col=4,title=NP902"
        "::100%25 wrong%0D%0Asecond: line, here\n"
    )


# -- SARIF -----------------------------------------------------------------------------------
# What SARIF 2.1.0's schema (sarif-schema-2.1.0.json) says of the objects newspost writes:
# the properties each may have (all of them declare additionalProperties: false), the ones it
# must have, and the constraints on values. GitHub code scanning additionally needs a rule id,
# a message text and a physical location with a start line on every result.

SCHEMA: dict[str, tuple[set[str], set[str]]] = {
    "log": (
        {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
        {"version", "runs"},
    ),
    "run": (
        {
            "tool",
            "invocations",
            "conversion",
            "language",
            "versionControlProvenance",
            "originalUriBaseIds",
            "artifacts",
            "logicalLocations",
            "graphs",
            "results",
            "automationDetails",
            "runAggregates",
            "baselineGuid",
            "redactionTokens",
            "defaultEncoding",
            "defaultSourceLanguage",
            "newlineSequences",
            "columnKind",
            "externalPropertyFileReferences",
            "threadFlowLocations",
            "taxonomies",
            "addresses",
            "translations",
            "policies",
            "webRequests",
            "webResponses",
            "specialLocations",
            "properties",
        },
        {"tool"},
    ),
    "tool": ({"driver", "extensions", "properties"}, {"driver"}),
    "toolComponent": (
        {
            "guid",
            "name",
            "organization",
            "product",
            "productSuite",
            "shortDescription",
            "fullDescription",
            "fullName",
            "version",
            "semanticVersion",
            "dottedQuadFileVersion",
            "releaseDateUtc",
            "downloadUri",
            "informationUri",
            "globalMessageStrings",
            "notifications",
            "rules",
            "taxa",
            "locations",
            "language",
            "contents",
            "isComprehensive",
            "localizedDataSemanticVersion",
            "minimumRequiredLocalizedDataSemanticVersion",
            "associatedComponent",
            "translationMetadata",
            "supportedTaxonomies",
            "properties",
        },
        {"name"},
    ),
    "reportingDescriptor": (
        {
            "id",
            "deprecatedIds",
            "guid",
            "deprecatedGuids",
            "name",
            "deprecatedNames",
            "shortDescription",
            "fullDescription",
            "messageStrings",
            "defaultConfiguration",
            "helpUri",
            "help",
            "relationships",
            "properties",
        },
        {"id"},
    ),
    "multiformatMessageString": ({"text", "markdown", "properties"}, {"text"}),
    "reportingConfiguration": ({"enabled", "level", "rank", "parameters", "properties"}, set()),
    "result": (
        {
            "ruleId",
            "ruleIndex",
            "rule",
            "kind",
            "level",
            "message",
            "analysisTarget",
            "locations",
            "guid",
            "correlationGuid",
            "occurrenceCount",
            "partialFingerprints",
            "fingerprints",
            "stacks",
            "codeFlows",
            "graphs",
            "graphTraversals",
            "relatedLocations",
            "suppressions",
            "baselineState",
            "rank",
            "attachments",
            "hostedViewerUri",
            "workItemUris",
            "provenance",
            "fixes",
            "taxa",
            "webRequest",
            "webResponse",
            "properties",
        },
        {"message"},
    ),
    "message": ({"text", "markdown", "id", "arguments", "properties"}, {"text"}),
    "location": (
        {
            "id",
            "physicalLocation",
            "logicalLocations",
            "message",
            "annotations",
            "relationships",
            "properties",
        },
        set(),
    ),
    "physicalLocation": (
        {"address", "artifactLocation", "region", "contextRegion", "properties"},
        {"artifactLocation"},
    ),
    "artifactLocation": ({"uri", "uriBaseId", "index", "description", "properties"}, set()),
    "region": (
        {
            "startLine",
            "startColumn",
            "endLine",
            "endColumn",
            "charOffset",
            "charLength",
            "byteOffset",
            "byteLength",
            "snippet",
            "message",
            "sourceLanguage",
            "properties",
        },
        {"startLine"},
    ),
}
LEVELS = {"none", "note", "warning", "error"}


def conforms(kind: str, value: Any) -> dict[str, Any]:
    allowed, required = SCHEMA[kind]
    assert isinstance(value, dict), kind
    assert set(value) <= allowed, f"{kind}: unexpected {set(value) - allowed}"
    assert required <= set(value), f"{kind}: missing {required - set(value)}"
    return value


def validate_sarif(log: Any) -> None:
    conforms("log", log)
    assert log["version"] == "2.1.0"
    for run in log["runs"]:
        conforms("run", run)
        assert run.get("columnKind", "unicodeCodePoints") in {"utf16CodeUnits", "unicodeCodePoints"}
        driver = conforms("toolComponent", conforms("tool", run["tool"])["driver"])
        ids = []
        for rule in driver.get("rules", []):
            conforms("reportingDescriptor", rule)
            ids.append(rule["id"])
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule:
                    conforms("multiformatMessageString", rule[key])
            if "defaultConfiguration" in rule:
                level = conforms("reportingConfiguration", rule["defaultConfiguration"]).get(
                    "level"
                )
                assert level in LEVELS
            assert rule.get("helpUri", "https://x").startswith(("https://", "http://"))
            tags = rule.get("properties", {}).get("tags", [])
            assert len(tags) == len(set(tags)) and all(isinstance(t, str) for t in tags)
        assert len(ids) == len(set(ids)), "rules must be unique"
        for result in run["results"]:
            conforms("result", result)
            assert result.get("level", "warning") in LEVELS
            assert conforms("message", result["message"])["text"]
            assert isinstance(result["ruleId"], str)
            if "ruleIndex" in result:
                assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["locations"], "GitHub needs a location"
            for location in result["locations"]:
                physical = conforms(
                    "physicalLocation", conforms("location", location)["physicalLocation"]
                )
                uri = conforms("artifactLocation", physical["artifactLocation"])["uri"]
                assert "\\" not in uri and " " not in uri
                region = conforms("region", physical["region"])
                assert isinstance(region["startLine"], int) and region["startLine"] >= 1
                assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1


def test_sarif_conforms_to_the_schema_and_github() -> None:
    log = json.loads(render("sarif"))
    validate_sarif(log)
    run = log["runs"][0]
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert run["tool"]["driver"]["name"] == "newspost"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_and_results() -> None:
    run = json.loads(render("sarif"))["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"NP901", "NP902", "NP911"} <= set(rules)
    shouting = rules["NP901"]
    assert shouting["name"] == "test-title-shouting"
    assert shouting["shortDescription"]["text"] == "A title in capitals reads as shouting."
    assert "Bad:" in shouting["help"]["markdown"]
    assert shouting["helpUri"].endswith("#np901-test-title-shouting")
    assert shouting["defaultConfiguration"] == {"level": "warning"}
    assert rules["NP911"]["defaultConfiguration"] == {"level": "note"}
    first = run["results"][1]
    assert first["ruleId"] == "NP901" and first["level"] == "warning"
    assert first["message"] == {"text": "the title is in capitals"}
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "posts/2024-01-01-a.md"},
        "region": {"startLine": 2, "startColumn": 1},
    }
    whole_file = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert whole_file == {"startLine": 1, "startColumn": 1}
    assert run["results"][-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "posts/%EB%89%B4%EC%8A%A4%20c.md"
    )


def test_sarif_levels_follow_severity_overrides() -> None:
    config = Config(severity={"NP901": "error"})
    given = [validate(loads(POST, path="a.md"), config)]
    run = json.loads(render("sarif", config, given))["runs"][0]
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}[
        "NP901"
    ] == "error"
    assert {r["ruleId"]: r["level"] for r in run["results"]}["NP901"] == "error"


def test_sarif_lists_only_enabled_rules() -> None:
    config = Config(select=["NP90"])
    given = [validate(loads(POST, path="a.md"), config)]
    run = json.loads(render("sarif", config, given))["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["NP901", "NP902"]


def test_sarif_paths_are_relative_with_forward_slashes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = Issue(
        code="NP902",
        name="test-todo-left",
        severity=Severity.ERROR,
        message="m",
        path=str(tmp_path / "posts" / "a.md"),
        line=1,
        column=1,
    )
    outside = inside.model_copy(update={"path": "/elsewhere/b.md"})
    given = [Report(path=inside.path, issues=[inside]), Report(path=outside.path, issues=[outside])]
    run = json.loads(render("sarif", given=given))["runs"][0]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert uris == ["posts/a.md", "file:///elsewhere/b.md"]
    validate_sarif(json.loads(render("sarif", given=given)))


def test_sarif_of_no_results() -> None:
    log = json.loads(render("sarif", given=[]))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []
