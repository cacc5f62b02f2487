"""Products released as a counted list (推出甲、乙、丙三大系列产品), and a release that names the
product after its maker (发布 only); on sentences written for these
tests, in both scripts, with negatives."""

from __future__ import annotations

from tests.unit.test_ingest_precision import SCRIPTS, facts, ingest, names


@SCRIPTS
def test_a_counted_list_of_products_after_a_release_verb(which: str) -> None:
    r = ingest("华光科技推出了云帆、星舟、海燕三大系列产品。", which)
    assert facts(r, "发布") == {("huaguang", "云帆"), ("huaguang", "星舟"), ("huaguang", "海燕")}
    r = ingest("华光科技是国内领先的机器人企业，推出云帆、星舟两款机器人。", which)
    assert facts(r, "发布") == {("huaguang", "云帆"), ("huaguang", "星舟")}


@SCRIPTS
def test_a_list_without_a_counted_product_head_is_not_read_as_products(which: str) -> None:
    r = ingest("华光科技发布了营收、利润两项指标。", which)
    assert names(r, "Product") == set()
    r = ingest("华光科技推出多项举措，涵盖研发、制造三大环节。", which)
    assert names(r, "Product") == set()


@SCRIPTS
def test_a_release_naming_the_product_after_its_maker_states_only_the_release(which: str) -> None:
    r = ingest("华光科技于同年8月推出首款人形机器人产品——华光科技h1。", which)
    assert facts(r, "发布") == {("huaguang", "h1")}
    assert facts(r, "研发") == set()  # 推出 states 发布; the maker's name before the model adds nothing
    r = ingest("华光科技hg-7机器人已开始量产。", which)
    assert facts(r, "研发") == {("huaguang", "hg-7")}  # no release stated: the maker's product
