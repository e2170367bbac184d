"""Date and number formats for India, in English and Hindi (settings.FORMAT_MODULE_PATH).

Numeric dates are day/month/year with leading zeros (01/12/2026); dates in words put the
day first ("1 December 2026", "1 दिसंबर 2026"). Times use the 24-hour clock. Counts in
reports use the ``indian`` template filter (lms/core/numbers.py) for lakh and crore
grouping; NUMBER_GROUPING makes django.contrib.humanize's ``intcomma`` group the same way."""
