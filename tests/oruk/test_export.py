"""Exports: the ORUK 3.0 JSON and the HSDS CSV package hold what the API serves, and only that."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from tests.oruk.test_api import SCHEMA_DIR, assert_valid, every, official

OFFICIAL_PACKAGE = SCHEMA_DIR.parent / "datapackage.json"


def _zip(client):
    response = client.get("/open-data/services-csv.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_json_export_is_the_api_in_full(client):
    response = client.get("/open-data/services.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    exported = response.get_json()
    assert [s["id"] for s in exported] == [s["id"] for s in every(client, "services")]
    one = client.get(f"/api/oruk/v3/services/{exported[0]['id']}").get_json()
    assert exported[0] == one


def test_the_json_export_is_a_valid_service_package(client):
    validator = official("compiled/service_package.json")
    assert_valid(validator, client.get("/open-data/services.json").get_json())


def test_the_csv_package_has_every_table_and_row(client):
    package = _zip(client)
    described = json.loads(package.read("datapackage.json"))
    assert described["licenses"][0]["name"] == "OGL-UK-3.0"
    services = list(csv.DictReader(io.StringIO(package.read("services.csv").decode())))
    exported = client.get("/open-data/services.json").get_json()
    assert {row["id"] for row in services} == {s["id"] for s in exported}
    for resource in described["resources"]:
        header = next(csv.reader(io.StringIO(package.read(resource["path"]).decode())))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    links = list(csv.DictReader(io.StringIO(package.read("service_at_location.csv").decode())))
    locations = {row["id"] for row in csv.DictReader(io.StringIO(package.read("locations.csv").decode()))}
    assert links and {row["location_id"] for row in links} <= locations


def test_the_csv_tables_follow_the_official_package(client):
    if not OFFICIAL_PACKAGE.exists():
        pytest.skip(f"the official ORUK 3.0 data package is not beside the project ({OFFICIAL_PACKAGE}); CI has it")
    official_package = json.loads(OFFICIAL_PACKAGE.read_text(encoding="utf-8"))
    ours = {r["name"]: r for r in json.loads(_zip(client).read("datapackage.json"))["resources"]}
    for resource in official_package["resources"]:
        mine = ours[resource["name"]]
        assert mine["path"] == resource["path"]
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert [f["name"] for f in mine["schema"]["fields"]][:len(names)] == names


def test_the_open_data_page_offers_both_files_under_the_ogl(client):
    html = client.get("/about/data").get_data(as_text=True)
    assert 'href="/open-data/services.json"' in html and 'href="/open-data/services-csv.zip"' in html
    assert "Open Government Licence" in html and "/api/oruk/v3" in html


def test_flask_oruk_export_writes_both_files(demo_app, tmp_path):
    result = demo_app.test_cli_runner().invoke(args=["oruk", "export", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "services.json").read_text())
    assert zipfile.ZipFile(tmp_path / "services-csv.zip").read("services.csv")
