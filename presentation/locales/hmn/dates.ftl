# DRAFT: awaiting review by a native Hmong speaker.

weekday-1 = Hnub Ib
weekday-2 = Hnub Ob
weekday-3 = Hnub Peb
weekday-4 = Hnub Plaub
weekday-5 = Hnub Tsib
weekday-6 = Hnub Rau
weekday-7 = Hnub Xya

month-1 = Ib Hlis
month-2 = Ob Hlis
month-3 = Peb Hlis
month-4 = Plaub Hlis
month-5 = Tsib Hlis
month-6 = Rau Hlis
month-7 = Xya Hlis
month-8 = Yim Hlis
month-9 = Cuaj Hlis
month-10 = Kaum Hlis
month-11 = Kaum Ib Hlis
month-12 = Kaum Ob Hlis

date-long = { $weekday } { $day } { $month } { $year }
date-time = { $date }, { $time }
time-am = { $time } sawv ntxov
time-pm = { $time } yav tsaus ntuj

day-today = hnub no
day-yesterday = nag hmo
day-tomorrow = tag kis
days-ago = { $count } hnub dhau los
in-days = { $count } hnub tom ntej
