import datetime as dt

import pytest

from policebreaches.dates import parse_incident_date, period_position

D = dt.date


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("Apr-19", D(2019, 4, 1), D(2019, 4, 30), "month"),
        ("Feb-20", D(2020, 2, 1), D(2020, 2, 29), "month"),
        ("October 2011", D(2011, 10, 1), D(2011, 10, 31), "month"),
        ("2011 (Date not recorded)", D(2011, 1, 1), D(2011, 12, 31), "year"),
        ("March 2004- July 2009", D(2004, 3, 1), D(2009, 7, 31), "range"),
        ("January \u2013 February 2013", D(2013, 1, 1), D(2013, 2, 28), "range"),
        ("2012", D(2012, 1, 1), D(2012, 12, 31), "year"),
        ("24/01/2012", D(2012, 1, 24), D(2012, 1, 24), "day"),
        ("2/2/10", D(2010, 2, 2), D(2010, 2, 2), "day"),
        ("April 24th 2010", D(2010, 4, 24), D(2010, 4, 24), "day"),
        ("18 November 2009", D(2009, 11, 18), D(2009, 11, 18), "day"),
        ("FY 18-19", D(2018, 4, 1), D(2019, 3, 31), "financial_year"),
        ("FY17-18", D(2017, 4, 1), D(2018, 3, 31), "financial_year"),
        ("2017/18", D(2017, 4, 1), D(2018, 3, 31), "financial_year"),
        ("40969", D(2012, 3, 1), D(2012, 3, 1), "day"),  # an Excel serial number
        ("2013-04-05 00:00:00", D(2013, 4, 5), D(2013, 4, 5), "day"),
        ("\u00a024/01/2012 ", D(2012, 1, 24), D(2012, 1, 24), "day"),
    ],
)
def test_foi_date_forms(text, start, end, precision):
    parsed = parse_incident_date(text)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["", "Not recorded", "31/02/2012", "unknown", "Ongoing"])
def test_unparseable_dates_are_null_not_errors(text):
    assert not parse_incident_date(text).parsed


def test_period_position():
    start, end = D(2011, 6, 1), D(2015, 12, 31)
    assert period_position(parse_incident_date("May 2011"), start, end) == "outside"
    assert period_position(parse_incident_date("January 2016"), start, end) == "outside"
    assert period_position(parse_incident_date("2011"), start, end) == "straddles"
    assert period_position(parse_incident_date("Jun-11"), start, end) == "inside"
    assert period_position(parse_incident_date(""), start, end) == "undated"
