# DRAFT: awaiting review by a native Somali speaker.

week-title = Toddobaadkan
week-range = { $start } ilaa { $end }
week-face-to-face = { $goal ->
    [one] { $count } ka mid ah { $goal } kulan fool-ka-fool ah oo loo-shaqeeye toddobaadkan
   *[other] { $count } ka mid ah { $goal } kulan fool-ka-fool ah oo loo-shaqeeyayaal toddobaadkan
}
week-to-go = { $count ->
    [one] { $count } kale ayaa looga baahan yahay hadafka
   *[other] { $count } kale ayaa looga baahan yahay hadafka
}
week-goal-met = Hadafka toddobaadka waa la gaaray.
week-all-contacts = { $count ->
    [one] { $count } xiriir loo-shaqeeye oo nooc kasta ah
   *[other] { $count } xiriir loo-shaqeeyayaal oo nooc kasta ah
}
week-first-contact-title = Weli xiriir loo-shaqeeye ma jiro
week-first-contact-near = { $name }: maalinta { $days } ee { $deadline }, weli xiriir loo-shaqeeye ma jiro
week-first-contact-late = { $name }: maalinta { $days }, waa la dhaafay maalinta { $deadline } iyadoo aan xiriir loo-shaqeeye jirin
week-first-contact-none = Qof kasta oo shaqo raadinaya wuxuu la kulmay loo-shaqeeye waqtigiisa.
