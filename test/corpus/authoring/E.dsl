# voice en-terse: a UK controller between calls
Ashford - no answer, try Thurs ## UK036 | N | - | - | - | 2026-11-26 |
Harbour Print: VM left ## UK015 | V | - | - | - | - |
Redwood Print, Olivia Taylor says cheque in the post today for UK-2026-1023 ## UK003 | R | Olivia Taylor | rest@2026-11-23 | - | - |
Bramble Foods - Amelia will pay £2,500 Friday ## UK024 | R | Amelia Jones | 2500@2026-11-27 | - | - |
Bramble: line busy all morning ## - | N | - | - | - | - | ?
Kestrel Textiles - wrong number on file ## UK009 | W | - | - | - | - |
Silverline Foods: Emma Smith promised 5k by end of month ## UK030 | R | Emma Smith | 5000@2026-11-30 | - | - |
Silverline - no reply ## - | N | - | - | - | - | ?
Redwood Logistics: Sophie says UK-2026-1160 was invoiced twice ## UK018 | R | Sophie Hughes | - | UK-2026-1160:billing_error:invoiced twice | - |
Ashford Textiles: switchboard says she is on leave until Monday ## UK036 | N | - | - | - | - |
Kestrel Print: Harry Hughes will ring us back after lunch tomorrow ## UK033 | CB | Harry Hughes | - | - | 2026-11-24 |
Bramble Engineering, Amelia Evans: won't settle UK-2026-1192 until the missing pallets are credited ## UK021 | R | Amelia Evans | - | UK-2026-1192:quantity:until the missing pallets are credited | - |
Silverline Supplies, Jack Jones: the goods on UK-2026-1265 came back in October ## UK027 | R | Jack Jones | - | UK-2026-1265:other:came back in October | - |
Harbour Print - Olivia Smith, paying £6,211.93 on Wednesday ## UK015 | R | Olivia Smith | 6211.93@2026-11-25 | - | - |
Redwood Textiles: James in a meeting, call back at 3 ## UK006 | CB | James Smith | - | - | 2026-11-23 |
Kestrel Print - paid in full by Friday ## UK033 | R | - | rest@2026-11-27 | - | - |
Silverline Textiles: Jack Smith refuses to pay, says we lost the account ## UK012 | X | Jack Smith | - | - | - |
Ashford Textiles - rings out ## UK036 | N | - | - | - | - |
Redwood Logistics - number disconnected ## UK018 | W | - | - | - | - |
Bramble Foods: UK-2026-1238 disputed, wrong VAT rate ## UK024 | R | - | - | UK-2026-1238:billing_error:wrong VAT rate | - |
Harbour Print, FD says UK-2026-1132 was paid on the 2nd ## UK015 | R | Olivia Smith | - | UK-2026-1132:already_paid:paid on the 2nd | - |
Silverline Foods: £2k today, £2k next Friday ## UK030 | R | - | 2000@2026-11-23;2000@2026-12-04 | - | - |
Redwood Print - left VM for Olivia ## UK003 | V | - | - | - | - |
Kestrel Textiles, George Hughes: promised to clear UK-2026-1077 next week ## UK009 | R | George Hughes | rest@2026-12-04 | - | - |
Bramble Engineering - no answer again. Call back Monday ## UK021 | N | - | - | - | 2026-11-30 |
Ashford: Amelia says they never received the goods on UK-2026-1361 ## UK036 | R | Amelia Evans | - | UK-2026-1361:not_received:never received the goods | - |
Silverline Supplies: spoke to Jack, will pay 4,206.52 by the 30th ## UK027 | R | Jack Jones | 4206.52@2026-11-30 | - | - |
Redwood - voicemail ## - | V | - | - | - | - | ?
Harbour Print - Olivia off sick, try again Wednesday ## UK015 | N | - | - | - | 2026-11-25 |
Kestrel Print: Harry promises £10k on the 15th and the rest end of December ## UK033 | R | Harry Hughes | 10000@2026-12-15;rest@2026-12-31 | - | - |
Bramble Foods - they say the price on UK-2026-1230 is higher than agreed ## UK024 | R | - | - | UK-2026-1230:price:higher than agreed | - |
Silverline Textiles - bookkeeper will call us back tomorrow morning ## UK012 | CB | Jack Smith | - | - | 2026-11-24 |
Redwood Textiles: James Smith, pay £2,646.15 Friday for UK-2026-1048 ## UK006 | R | James Smith | 2646.15@2026-11-27 | - | - |
Ashford Textiles: will pay £200k Friday ## UK036 | R | - | 200000@2026-11-27 | - | - | ?
Harbour Print, pay next week ## UK015 | R | - | rest@2026-12-04 | - | - |
Kestrel Textiles - left a message with reception ## UK009 | V | - | - | - | - |
Silverline Foods: Emma Smith says UK-2026-1293 is a duplicate of UK-2026-1292 ## UK030 | R | Emma Smith | - | UK-2026-1293:billing_error:duplicate | - |
Bramble Engineering: promised payment ## UK021 | R | - | rest@- | - | - | ?
Redwood Logistics: Sophie Hughes, £3k Thursday, rest before Christmas ## UK018 | R | Sophie Hughes | 3000@2026-11-26;rest@2026-12-24 | - | - |
Silverline Supplies - no one picking up ## UK027 | N | - | - | - | - |
Kestrel Print - Harry asked us to call back Friday ## UK033 | CB | Harry Hughes | - | - | 2026-11-27 |
Ashford - four monthly payments of £1,200 from January ## UK036 | R | - | 1200@2027-01-29;1200@2027-02-26;1200@2027-03-31;1200@2027-04-30 | - | - |
Redwood Print: Olivia says the service on UK-2026-1023 was never carried out ## UK003 | R | Olivia Taylor | - | UK-2026-1023:not_received:never carried out | - |
Harbour Print: UK-2026-1133 - 12 boxes short ## UK015 | R | - | - | UK-2026-1133:quantity:12 boxes short | - |
Bramble Foods: rang twice, engaged ## UK024 | N | - | - | - | - |
Silverline Foods - they'll pay when their customer pays them ## UK030 | R | - | - | - | - |
Kestrel Textiles: George says the rolls on UK-2026-1081 were water damaged ## UK009 | R | George Hughes | - | UK-2026-1081:quality:water damaged | - |
Redwood Textiles - call back requested for Thursday ## UK006 | CB | - | - | - | 2026-11-26 |
Ashford Textiles: FD promised half now and half end of January ## UK036 | R | Amelia Evans | half@2026-11-23;half@2027-01-29 | - | - |
