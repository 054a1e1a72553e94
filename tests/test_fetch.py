"""``framing datasets fetch`` against a local HTTP server on 127.0.0.1 (never the internet)."""

import functools
import http.server
import json
import threading

import pytest

from framing.cli import main
from framing.datasets.fetch import SOURCES

HEADER = "ID,text,target,stance,stance:confidence,against_reason,favor_reason,none_reason,sarcasm,sarcasm:confidence,sentiment,sentiment:confidence,datetime,Date\n"
ROWS = {
    "Covid Vaccine": "Favor",
    "Digital Transformation": "Against",
    "Women empowerment": "None",
}


def fake_mawqif(n: int) -> str:
    lines = [HEADER]
    targets = list(ROWS.items())
    for i in range(n):
        t, s = targets[i % 3]
        lines.append(f"{i},نص تجريبي كتبناه للاختبار رقم {i},{t},{s},1,,,,No,1,Neutral,1,2021-01-01,01/01/2021\n")
    return "".join(lines)


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "mirror"
    src = SOURCES["mawqif"]
    path = root / src.repo / src.commit / src.files[0]
    path.parent.mkdir(parents=True)
    path.write_text(fake_mawqif(3100), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", path
    httpd.shutdown()
    httpd.server_close()


def test_fetch_needs_licence_acceptance(tmp_path, server, capsys):
    mirror, _ = server
    code = main(["datasets", "fetch", "mawqif", "--dest", str(tmp_path / "data"), "--mirror", mirror])
    err = capsys.readouterr().err
    assert code == 2 and "--accept-licence" in err
    assert not (tmp_path / "data" / "mawqif").exists()


def test_fetch_checks_records_and_records_checksums(tmp_path, server, capsys):
    mirror, served = server
    dest = tmp_path / "data"
    argv = ["datasets", "fetch", "mawqif", "--dest", str(dest), "--mirror", mirror, "--accept-licence"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "3100 records" in err and "MB" in err  # progress shown
    record = json.loads((dest / "mawqif" / ".framing-fetch.json").read_text())
    (info,) = record["files"].values()
    assert len(info["sha256"]) == 64 and info["url"].startswith(mirror)
    # the same bytes again: no warning; changed bytes: a warning
    assert main(argv) == 0
    assert "changed since the last fetch" not in capsys.readouterr().err
    served.write_text(fake_mawqif(3200), encoding="utf-8")
    assert main(argv) == 0
    assert "changed since the last fetch" in capsys.readouterr().err


def test_fetch_refuses_a_short_download(tmp_path, server, capsys):
    mirror, served = server
    served.write_text(fake_mawqif(10), encoding="utf-8")
    code = main(["datasets", "fetch", "mawqif", "--dest", str(tmp_path / "d"), "--mirror", mirror, "--accept-licence"])
    assert code == 2 and "fewer than the expected" in capsys.readouterr().err


def test_fetch_reports_http_errors(tmp_path, server, capsys):
    mirror, served = server
    served.unlink()
    code = main(["datasets", "fetch", "mawqif", "--dest", str(tmp_path / "d"), "--mirror", mirror, "--accept-licence"])
    err = capsys.readouterr().err
    assert code == 2 and "HTTP 404" in err


def test_unknown_source(capsys):
    assert main(["datasets", "fetch", "nope"]) == 2
    assert "fetchable:" in capsys.readouterr().err
