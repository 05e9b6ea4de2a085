# Fechas y horas. Español usa el reloj de 24 horas (presentation/src/format.rs).

weekday-1 = lun
weekday-2 = mar
weekday-3 = mié
weekday-4 = jue
weekday-5 = vie
weekday-6 = sáb
weekday-7 = dom

month-1 = ene
month-2 = feb
month-3 = mar
month-4 = abr
month-5 = may
month-6 = jun
month-7 = jul
month-8 = ago
month-9 = sept
month-10 = oct
month-11 = nov
month-12 = dic

date-long = { $weekday } { $day } { $month } { $year }
date-time = { $date }, { $time }
time-am = { $time } a. m.
time-pm = { $time } p. m.

day-today = hoy
day-yesterday = ayer
day-tomorrow = mañana
days-ago = { $count ->
    [one] hace { $count } día
   *[other] hace { $count } días
}
in-days = { $count ->
    [one] dentro de { $count } día
   *[other] dentro de { $count } días
}
