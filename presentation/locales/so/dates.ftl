# DRAFT: awaiting review by a native Somali speaker.

weekday-1 = Isn
weekday-2 = Tldo
weekday-3 = Arbc
weekday-4 = Khms
weekday-5 = Jmc
weekday-6 = Sbti
weekday-7 = Axd

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Abr
month-5 = May
month-6 = Jun
month-7 = Lul
month-8 = Ogs
month-9 = Seb
month-10 = Okt
month-11 = Nof
month-12 = Dis

date-long = { $weekday } { $day } { $month } { $year }
date-time = { $date }, { $time }
time-am = { $time } GH
time-pm = { $time } GD

day-today = maanta
day-yesterday = shalay
day-tomorrow = berri
days-ago = { $count ->
    [one] { $count } maalin ka hor
   *[other] { $count } maalmood ka hor
}
in-days = { $count ->
    [one] { $count } maalin kadib
   *[other] { $count } maalmood kadib
}
