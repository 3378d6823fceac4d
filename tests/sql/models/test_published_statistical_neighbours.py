"""Model `published_statistical_neighbours`: each LA's ten statistical neighbours, one row per
rank, from the shipped DfE groupings file (the repeated SNP column is each neighbour's
closeness)."""

from tests.sql.models.published_seeds import published

FILE = "New_Statistical_Neighbour_Groupings_April_2021"


def _row(code: str, name: str, neighbours: list[str]) -> list[str]:
    """LA num, LA Name, LA number, GOInd, GOReg, then SN1, SNP, ... SN10, SNP, and the empty
    column the file's trailing comma makes."""
    closeness = ["Very Close"] * 3 + ["Close"] * 4 + ["Not Close"] * 3
    pairs = [value for pair in zip(neighbours, closeness, strict=True) for value in pair]
    return [code, name, code, "1", "North East", *pairs, ""]


def test_one_row_per_neighbour_in_rank_order_with_its_closeness(tmp_path):
    rows = [
        _row("841", "Darlington", [str(n) for n in range(801, 811)]),  # line 2
        _row("840", "Durham", [str(n) for n in range(901, 911)]),      # line 3
        ["", "Old SNs:", *[""] * 24],                                  # line 4
        _row("836", "Poole (Pre LG)", [str(n) for n in range(801, 811)]),  # line 5: former LA
    ]
    conn = published(tmp_path, "published_statistical_neighbours", {FILE: rows})
    got = conn.execute(
        "select old_la_code, la_name, region_name, neighbour_rank, neighbour_old_la_code, "
        "closeness, source_line from published_statistical_neighbours "
        "where old_la_code = '841' order by neighbour_rank").fetchall()
    assert got[0] == ("841", "Darlington", "North East", 1, "801", "Very Close", 2)
    assert got[3] == ("841", "Darlington", "North East", 4, "804", "Close", 2)   # SNP_3
    assert got[9] == ("841", "Darlington", "North East", 10, "810", "Not Close", 2)  # SNP_9
    assert conn.execute(
        "select old_la_code, count(*), min(source_line), bool_or(is_former_la) "
        "from published_statistical_neighbours group by all order by all").fetchall() == [
        ("836", 10, 5, True), ("840", 10, 3, False), ("841", 10, 2, False)]
