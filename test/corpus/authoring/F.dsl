# voice en-dictated: long dictated notes, spoken numbers, run-on sentences
called Harbour Print and spoke with Olivia Smith the finance director she said they had a cash flow problem last month but she can pay two thousand pounds this Friday and the remainder by the end of December ## UK015 | R | Olivia Smith | 2000@2026-11-27;rest@2026-12-31 | - | - |
tried Ashford Textiles three times this morning the line was busy every time I'll try again tomorrow ## UK036 | N | - | - | - | 2026-11-24 |
right so Redwood Logistics Sophie Hughes picked up and told me that invoice UK-2026-1164 was sent to the wrong branch and needs to be reissued to their Leeds office ## UK018 | R | Sophie Hughes | - | UK-2026-1164:billing_error:sent to the wrong branch | - |
Kestrel Textiles I spoke to George he says they won't settle UK-2026-1083 until the missing pallets are credited but he'll pay UK-2026-1079 on Thursday ## UK009 | R | George Hughes | rest@2026-11-26 | UK-2026-1083:quantity:until the missing pallets are credited | - |
Bramble Foods went straight to voicemail left a message asking Amelia to call me back ## UK024 | V | - | - | - | - |
just got off the phone with Jack Jones at Silverline Supplies he says invoice UK-2026-1270 was invoiced twice and they paid the first one in September ## UK027 | R | Jack Jones | - | UK-2026-1270:billing_error:invoiced twice | - |
Silverline Foods Emma Smith says she'll ring us back after lunch tomorrow ## UK030 | CB | Emma Smith | - | - | 2026-11-24 |
Redwood Print the managing director Olivia Taylor agreed to pay the full balance in three instalments of two thousand four hundred and fifty pounds on the first of December January and February ## UK003 | R | Olivia Taylor | 2450@2026-12-01;2450@2027-01-01;2450@2027-02-01 | - | - |
spoke to the bookkeeper at Kestrel Print Harry Hughes he promised five thousand pounds next Wednesday ## UK033 | R | Harry Hughes | 5000@2026-12-02 | - | - |
Bramble Engineering the switchboard says Amelia Evans is on leave until Monday so I will call back then ## UK021 | N | - | - | - | 2026-11-30 |
called Silverline Textiles and got Jack Smith he explained the goods on UK-2026-1103 came back in October because the wrong size was delivered so they expect a credit note ## UK012 | R | Jack Smith | - | UK-2026-1103:quality:the wrong size was delivered | - |
Redwood Textiles nobody answered I let it ring for a good minute ## UK006 | N | - | - | - | - |
Ashford Textiles Amelia Evans confirmed payment of seven thousand three hundred and fifty four pounds sixty two by this Friday for UK-2026-1358 ## UK036 | R | Amelia Evans | 7354.62@2026-11-27 | - | - |
I rang Harbour Print and the number I have just gives a message saying it is not recognised ## UK015 | W | - | - | - | - |
Kestrel Textiles George Hughes is refusing to pay anything until their new finance system is live ## UK009 | X | George Hughes | - | - | - |
Bramble Foods Amelia Jones says the delivery for UK-2026-1226 never turned up so they will not pay it ## UK024 | R | Amelia Jones | - | UK-2026-1226:not_received:never turned up | - |
Silverline Foods spoke to Emma she will pay one thousand five hundred today and one thousand five hundred on the fifteenth of December ## UK030 | R | Emma Smith | 1500@2026-11-23;1500@2026-12-15 | - | - |
Redwood Logistics I left a voicemail for Sophie and also emailed her ## UK018 | V | - | - | - | - |
had a long chat with Olivia Smith at Harbour Print she says the price on UK-2026-1129 does not match the quote we sent in August ## UK015 | R | Olivia Smith | - | UK-2026-1129:price:does not match the quote | - |
Bramble Engineering finally got hold of Amelia Evans she says UK-2026-1194 was already paid by BACS on the tenth of November ## UK021 | R | Amelia Evans | - | UK-2026-1194:already_paid:paid by BACS | - |
Silverline Supplies the accounts payable person Jack Jones will pay four thousand two hundred pounds on Friday and the rest at the end of next month ## UK027 | R | Jack Jones | 4200@2026-11-27;rest@2026-12-31 | - | - |
Kestrel Print nobody picked up and the voicemail box is full ## UK033 | N | - | - | - | - |
Ashford Textiles spoke to Amelia and she promised to pay the outstanding balance in two weeks ## UK036 | R | Amelia Evans | rest@2026-12-07 | - | - |
Redwood Print Olivia says the work on UK-2026-1023 was never finished so she is holding payment ## UK003 | R | Olivia Taylor | - | UK-2026-1023:not_received:never finished | - |
called Silverline Textiles Jack Smith asked me to call him back on Wednesday afternoon ## UK012 | CB | Jack Smith | - | - | 2026-11-25 |
Bramble Foods Amelia Jones says the goods on UK-2026-1233 arrived broken and half of them were unusable ## UK024 | R | Amelia Jones | - | UK-2026-1233:quality:arrived broken | - |
Harbour Print Olivia Smith will transfer thirteen thousand eight hundred and ninety one pounds twelve on the 1st of December ## UK015 | R | Olivia Smith | 13891.12@2026-12-01 | - | - |
Kestrel Textiles I spoke to George Hughes who says they will pay everything next Friday ## UK009 | R | George Hughes | rest@2026-12-04 | - | - |
rang Redwood Textiles James Smith said he'd settle UK-2026-1049 by the end of the week ## UK006 | R | James Smith | rest@2026-11-27 | - | - |
Silverline Foods Emma Smith says UK-2026-1298 was for a trial order they were told would be free of charge ## UK030 | R | Emma Smith | - | UK-2026-1298:price:free of charge | - |
Ashford Textiles got the finance director she says our invoice UK-2026-1363 is missing their PO number so their system rejects it ## UK036 | R | Amelia Evans | - | UK-2026-1363:billing_error:missing their PO number | - |
Bramble Engineering Amelia Evans agreed a plan one thousand pounds a month for six months starting in December ## UK021 | R | Amelia Evans | 1000@2026-12-31;1000@2027-01-29;1000@2027-02-26;1000@2027-03-31;1000@2027-04-30;1000@2027-05-31 | - | - |
Kestrel Print Harry says he will pay when the director signs off maybe next week no firm date ## UK033 | R | Harry Hughes | - | - | - |
I called Redwood Logistics and got through to Sophie Hughes she promised three thousand one hundred and ninety six pounds fifty three for UK-2026-1161 on Tuesday ## UK018 | R | Sophie Hughes | 3196.53@2026-11-24 | - | - |
Silverline Supplies there was no answer at all so I will try Jack again on Thursday morning ## UK027 | N | - | - | - | 2026-11-26 |
Harbour Print Olivia Smith wants us to call back next week once she has spoken to the MD ## UK015 | CB | Olivia Smith | - | - | 2026-11-30 |
Redwood Print I spoke to Olivia Taylor who says the invoice amount is more than the agreed price for the job ## UK003 | R | Olivia Taylor | - | UK-2026-1023:price:more than the agreed price | - |
Ashford Textiles Amelia Evans said they have sent the goods on UK-2026-1357 back to us because they were damaged in transit ## UK036 | R | Amelia Evans | - | UK-2026-1357:quality:damaged in transit | - |
Silverline Foods I called twice and it just rang out ## UK030 | N | - | - | - | - |
Bramble Foods spoke to Amelia Jones she'll pay two thousand pounds on Friday and another two thousand the Friday after ## UK024 | R | Amelia Jones | 2000@2026-11-27;2000@2026-12-04 | - | - |
Kestrel Textiles George Hughes tells me UK-2026-1084 was for fifty rolls but only thirty arrived ## UK009 | R | George Hughes | - | UK-2026-1084:quantity:only thirty arrived | - |
Redwood Textiles James Smith was in a meeting the receptionist took a message and said he would call back this afternoon ## UK006 | CB | - | - | - | 2026-11-23 |
Harbour Print Olivia Smith promises to pay ## UK015 | R | Olivia Smith | rest@- | - | - | ?
Silverline Textiles Jack Smith says they paid UK-2026-1107 in July along with another invoice and he will send the remittance ## UK012 | R | Jack Smith | - | UK-2026-1107:already_paid:paid UK-2026-1107 in July | - |
Bramble Engineering Amelia Evans will clear the lot by the fifth of December ## UK021 | R | Amelia Evans | rest@2026-12-05 | - | - |
Kestrel Print the wrong number again the one on the account goes to a dentist ## UK033 | W | - | - | - | - |
Redwood Logistics Sophie Hughes is happy to pay four monthly payments of £1,200 from January ## UK018 | R | Sophie Hughes | 1200@2027-01-29;1200@2027-02-26;1200@2027-03-31;1200@2027-04-30 | - | - |
