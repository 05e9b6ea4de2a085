# Dates and times. The parts of a date are put in order here; the clock (12 or 24 hours)
# is chosen in presentation/src/format.rs.

weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

# "Mon 30 Nov 2026"
date-long = { $weekday } { $day } { $month } { $year }
# "Mon 30 Nov 2026, 2:05 PM"
date-time = { $date }, { $time }
time-am = { $time } AM
time-pm = { $time } PM

day-today = today
day-yesterday = yesterday
day-tomorrow = tomorrow
days-ago = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
}
in-days = { $count ->
    [one] in { $count } day
   *[other] in { $count } days
}
