# voice en-abbrev: shorthand, typos, no caps (pymt, inv, eom, tmrw, cb, vm, w/e, pls)
ashford - vm, cb tmrw ## UK036 | V | - | - | - | 2026-11-24 |
harbour print: pymt 2k fri ## UK015 | R | - | 2000@2026-11-27 | - | - |
redwood logistics - n/a ## UK018 | N | - | - | - | - |
kestrel txt: george - inv 1081 short 5 boxes ## UK009 | R | George Hughes | - | UK-2026-1081:quantity:short 5 boxes | - |
bramble eng - amelia pymt in full eom ## UK021 | R | Amelia Evans | rest@2026-11-30 | - | - |
silverline supplies : jack says inv 1262 pd last wk ## UK027 | R | Jack Jones | - | UK-2026-1262:already_paid:pd last wk | - |
redwood print - bacs £3k weds ## UK003 | R | - | 3000@2026-11-25 | - | - |
silverline foods, emma - cb thurs am ## UK030 | R | Emma Smith | - | - | 2026-11-26 |
ashford txtiles: no ans x2 ## UK036 | N | - | - | - | - |
harbour - olivia promisd 6.2k by w/e ## UK015 | R | Olivia Smith | 6200@2026-11-27 | - | - |
kestrel print - wrong no. ## UK033 | W | - | - | - | - |
bramble foods - inv 1238 dispute, overcharged ## UK024 | R | - | - | UK-2026-1238:price:overcharged | - |
redwood textiles - james: chq in post tmrw ## UK006 | R | James Smith | rest@2026-11-24 | - | - |
silverline txt - lvm ## UK012 | V | - | - | - | - |
ashford - amelia: 5k 30/11, bal 31/12 ## UK036 | R | Amelia Evans | 5000@2026-11-30;rest@2026-12-31 | - | - |
redwood log.: sophie says inv 1159 never rec'd ## UK018 | R | Sophie Hughes | - | UK-2026-1159:not_received:never rec'd | - |
harbour print - engaged all am, try pm ## UK015 | N | - | - | - | 2026-11-23 |
kestrel txt - george refusd to pay ## UK009 | X | George Hughes | - | - | - |
silverline foods - pymt £26,806.28 on 3/12 ## UK030 | R | - | 26806.28@2026-12-03 | - | - |
bramble eng: inv 1192 dupl of 1186 ## UK021 | R | - | - | UK-2026-1192:billing_error:dupl | - |
silverline sup - bal by 15th ## UK027 | R | - | rest@2026-12-15 | - | - |
ashford: amelia on hols til 30th ## UK036 | N | - | - | - | - |
kestrel print - harry: 2.5k mon + 2.5k fri next wk ## UK033 | R | Harry Hughes | 2500@2026-11-30;2500@2026-12-04 | - | - |
redwood print - olivia cb req fri ## UK003 | CB | Olivia Taylor | - | - | 2026-11-27 |
harbour print: inv 1131 - damaged stock, photos sent ## UK015 | R | - | - | UK-2026-1131:quality:damaged stock | - |
bramble foods - amelia j - pymt plan 3x £2k monthly from dec ## UK024 | R | Amelia Jones | 2000@2026-12-31;2000@2027-01-29;2000@2027-02-26 | - | - |
silverline txt: jack says wrong price on inv 1104 ## UK012 | R | Jack Smith | - | UK-2026-1104:price:wrong price | - |
redwood log - vm full ## UK018 | N | - | - | - | - |
kestrel txt - pymt 4362.10 tmrw ## UK009 | R | - | 4362.10@2026-11-24 | - | - |
ashford - rang out ## UK036 | N | - | - | - | - |
silverline - pymt fri ## - | R | - | rest@2026-11-27 | - | - | ?
redwood - jmaes smith will pay 500 ## UK006 | R | James Smith | 500@- | - | - | ?
harbour: olivia - not rcvd goods on inv 1133 ## UK015 | R | Olivia Smith | - | UK-2026-1133:not_received:not rcvd | - |
bramble eng: amelia - 1.1k thu, 1.2k fri ## UK021 | R | Amelia Evans | 1100@2026-11-26;1200@2026-11-27 | - | - |
kestrel print: hh says inv 1328 paid twice, wants refund ## UK033 | R | Harry Hughes | - | UK-2026-1328:already_paid:paid twice | - |
silverline foods - cb mon ## UK030 | - | - | - | - | 2026-11-30 |
ashford txt - inv 9999 disputed ## UK036 | R | - | - | - | - | ?
redwood textiles - inv 1053 wrong addr, reissue pls ## UK006 | R | - | - | UK-2026-1053:billing_error:wrong addr | - |
bramble foods - no ans, lft msg ## UK024 | V | - | - | - | - |
harbour print - bk says all paid eom ## UK015 | R | - | rest@2026-11-30 | - | - |
silverline sup: jack - inv 1265 goods returned oct ## UK027 | R | Jack Jones | - | UK-2026-1265:other:goods returned oct | - |
kestrel print - harry, £7,681.03 next mon ## UK033 | R | Harry Hughes | 7681.03@2026-11-30 | - | - |
redwood logistics: sophie - cb after 2 ## UK018 | R | Sophie Hughes | - | - | 2026-11-23 |
ashford - pymt 5k tues ## UK036 | R | - | 5000@2026-11-24 | - | - |
silverline foods: emma says inv 1300 qty wrong, 40 not 60 ## UK030 | R | Emma Smith | - | UK-2026-1300:quantity:40 not 60 | - |
bramble eng - disconnected ## UK021 | W | - | - | - | - |
redwood print - pymt in full 4/12 ## UK003 | R | - | rest@2026-12-04 | - | - |
kestrel txt: g hughes - bal in 2 wks ## UK009 | R | George Hughes | rest@2026-12-07 | - | - |
