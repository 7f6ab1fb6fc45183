# voice en-chatty: Slack-style messages to the bot, chatty, emoji, lower case
just spoke to olivia at harbour print 🙂 she's paying £1,840.36 tomorrow for UK-2026-1131 ## UK015 | R | Olivia Smith | 1840.36@2026-11-24 | - | - |
ugh ashford textiles again, phone just rings and rings ## UK036 | N | - | - | - | - |
kestrel print picked up! harry says they'll clear everything by the 11th ## UK033 | R | Harry Hughes | rest@2026-12-11 | - | - |
bramble foods: amelia reckons UK-2026-1229 is for stuff they never ordered 🤔 ## UK024 | R | Amelia Jones | - | UK-2026-1229:other:never ordered | - |
fyi redwood logistics number is dead, goes straight to a "not in service" message ## UK018 | W | - | - | - | - |
silverline foods - emma out till wednesday apparently ## UK030 | N | - | - | - | - |
got through to jack at silverline supplies, £3,047.30 going out on friday 👍 ## UK027 | R | Jack Jones | 3047.30@2026-11-27 | - | - |
redwood print - olivia says the invoice is wrong, we charged for 3 days of work and they only had 2 ## UK003 | R | Olivia Taylor | - | UK-2026-1023:quantity:they only had 2 | - |
bramble engineering: amelia evans is in meetings all day, asked me to try her tomorrow at 10 ## UK021 | CB | Amelia Evans | - | - | 2026-11-24 |
kestrel textiles, george: half the rolls on UK-2026-1077 were the wrong colour so he's not paying that one ## UK009 | R | George Hughes | - | UK-2026-1077:quality:wrong colour | - |
harbour print said they'd pay next week but wouldn't give me an amount ## UK015 | R | - | rest@2026-12-04 | - | - |
left another voicemail at redwood textiles, third this week 😩 ## UK006 | V | - | - | - | - |
silverline textiles: jack smith promised £4k on monday and £3k the monday after ## UK012 | R | Jack Smith | 4000@2026-11-30;3000@2026-12-07 | - | - |
ashford: amelia says UK-2026-1356 was settled with UK-2026-1355 in one payment last month ## UK036 | R | Amelia Evans | - | UK-2026-1356:already_paid:settled with UK-2026-1355 in one payment | - |
bramble foods, amelia jones - she can do £1k a week for 3 weeks starting friday ## UK024 | R | Amelia Jones | 1000@2026-11-27;1000@2026-12-04;1000@2026-12-11 | - | - |
kestrel print - harry not around, colleague said try again after lunch ## UK033 | N | - | - | - | 2026-11-23 |
redwood logistics: sophie hughes says we billed the wrong company, UK-2026-1163 should go to their parent company ## UK018 | R | Sophie Hughes | - | UK-2026-1163:billing_error:billed the wrong company | - |
silverline foods: emma will ring me back later today ## UK030 | CB | Emma Smith | - | - | 2026-11-23 |
harbour print, olivia smith: can't pay anything till january, no promise ## UK015 | R | Olivia Smith | - | - | - |
redwood textiles - james smith: £8,026.83 on the 1st, the rest in the new year ## UK006 | R | James Smith | 8026.83@2026-12-01;rest@2027-01-29 | - | - |
bramble engineering - wrong number, it's a pizza place 🍕 ## UK021 | W | - | - | - | - |
ashford textiles: spoke to amelia, they're disputing UK-2026-1359 because the delivery was late and they lost the sale ## UK036 | R | Amelia Evans | - | UK-2026-1359:other:the delivery was late | - |
kestrel textiles - george says pay friday ## UK009 | R | George Hughes | rest@2026-11-27 | - | - |
silverline supplies - jack jones wants a call back on thursday to go through the statement ## UK027 | CB | Jack Jones | - | - | 2026-11-26 |
harbour print - 3 payments of £2,000 on the 15th of december, january and february ## UK015 | R | - | 2000@2026-12-15;2000@2027-01-15;2000@2027-02-15 | - | - |
redwood print: olivia taylor will pay £2k today and the balance by christmas eve ## UK003 | R | Olivia Taylor | 2000@2026-11-23;rest@2026-12-24 | - | - |
bramble - amelia will pay friday ## - | R | - | restGBP@2026-11-27 | - | - | ?
silverline - jack smith says cheque was posted yesterday for UK-2026-1104 ## UK012 | R | Jack Smith | - | UK-2026-1104:already_paid:cheque was posted yesterday | - |
kestrel print: harry hughes - £39,355.93 for UK-2026-1324 on the 30th ## UK033 | R | Harry Hughes | 39355.93@2026-11-30 | - | - |
redwood logistics: no answer on sophie's direct line or the switchboard ## UK018 | N | - | - | - | - |
