# voice fr-abbrev: colleague shorthand, no accents, typos, abbreviations (rdv, fact., vir., chq, tel, qd, dc)
mercier: nrp, relance jeudi ## FR002 | N | - | - | - | 2026-11-26 |
txt dubois vir. 2k ven ## FR004 | R | - | 2000@2026-11-27 | - | - |
brass. martin chq 1500e envoye auj ## FR007 | R | - | 1500@2026-11-23 | - | - |
pharma roux : rep. laisse ## FR023 | V | - | - | - | - |
gge garnier, tel coupe, mauvais num ## FR031 | W | - | - | - | - |
fonderie girard fact. 1274 contestee - qte ne correspond pas ## FR028 | R | - | - | FA-2026-1274:quantity:qte ne correspond pas | - |
bat blanc : T. Roux ok vir 7579,80 le 30/11 ## FR005 | R | Thomas Roux | 7579.80@2026-11-30 | - | - |
imprimerie girard : rdv tel lundi 10h avec Mme Laurent ## FR008 | R | Claire Laurent | - | - | 2026-11-30 |
menuiserie fournier pas de rep, rapeler mercredi ## FR017 | N | - | - | - | 2026-11-25 |
labo lefevre : paiement integral fin de mois ## FR032 | R | - | rest@2026-11-30 | - | - |
textiles dubois : fact 1028 - manque 2 rlx ## FR004 | R | - | - | FA-2026-1028:quantity:manque 2 rlx | - |
transp. chevalier rdv pris jeudi pr point compta ## FR014 | R | - | - | - | 2026-11-26 |
pharmacie girard : deja regle par vir le 15/11 (fact. 1096) ## FR011 | R | - | - | FA-2026-1096:already_paid:deja regle par vir le 15/11 | - |
garage dubois Nicolas Blanc 3 chq de 1000e : 30/11, 31/12, 29/01 ## FR025 | R | Nicolas Blanc | 1000@2026-11-30;1000@2026-12-31;1000@2027-01-29 | - | - |
bat girard : msg laisse a la compta ## FR013 | V | - | - | - | - |
transports girard: L. Martin promet 2500 avt vendredi ## FR019 | R | Luc Martin | 2500@2026-11-27 | - | - |
imprimerie dubois : litige fact 1184 tjs en cours, rien de neuf ## FR020 | R | - | - | - | - |
fonderie girard injoignable depuis 3j ## FR028 | N | - | - | - | - |
pharma roux : Mme Faure : vir 35082,20 sous 8j ## FR023 | R | Claire Faure | 35082.20@2026-12-01 | - | - |
mercier : Isabelle C. dit fact 1015 jamais recue ## FR002 | R | Isabelle Chevalier | - | FA-2026-1015:not_received:jamais recue | - |
gar. lefevre : qd on appelle ca sonne occupe ## FR035 | N | - | - | - | - |
boul. chevalier rappeler apres 14h ## FR016 | - | - | - | - | 2026-11-23 |
brass girard daf ok 1001,10 ... non pardon 2433,02 le 1er dec ## FR001 | R | Isabelle Dubois | 2433.02@2026-12-01 | - | - |
trsp laurent: N. Dubois veut etre rappele demain ## FR010 | CB | Nicolas Dubois | - | - | 2026-11-24 |
bat fournier : promesse 5k le 15/12 + solde le 15/01 ## FR029 | R | - | 5000@2026-12-15;rest@2027-01-15 | - | - |
transports dubois : fact. 1199 en double avec 1205 selon Camille ## FR022 | R | Camille Roux | - | FA-2026-1199:billing_error:en double | - |
imp girard : repondeur ## FR008 | V | - | - | - | - |
trsp chevalier : A. Garnier refuse de payer ## FR014 | X | Antoine Garnier | - | - | - |
labo lefevre : Jeanne B. ok chq 542,65 cette sem. ## FR032 | R | Jeanne Bernard | 542.65@2026-11-27 | - | - |
pharmacie roux fact. 1219 : tarif pas conforme au contrat ## FR023 | R | - | - | FA-2026-1219:price:tarif pas conforme au contrat | - |
textiles dubois : Garnier dit OK pr tout regler le 4/12 ## FR004 | R | Julien Garnier | rest@2026-12-04 | - | - |
mercier : vir 5k demain + 5k la sem pro ## FR002 | R | - | 5000@2026-11-24;5000@2026-12-04 | - | - |
gge garnier : dc, rappel lun ## FR031 | N | - | - | - | 2026-11-30 |
men. fournier : J. Faure en conges jusqu'au 30 ## FR017 | N | - | - | - | - |
fonderie : vir 10798,79 le 3/01 ## FR028 | R | - | 10798.79@2027-01-03 | - | - |
imprimerie dubois : 1185 payee 2 fois ?? a verifier, cliente dit qu'elle a paye en double ## FR020 | R | - | - | FA-2026-1185:already_paid:paye en double | - |
bat blanc : nrp x3 ## FR005 | N | - | - | - | - |
ph girard : Mme Fournier rappelle dans l'aprem ## FR011 | CB | Camille Fournier | - | - | 2026-11-23 |
transp girard : fact 1170 - livraison pas faite ## FR019 | R | - | - | FA-2026-1170:not_received:livraison pas faite | - |
brasserie martin : vir de 4839,31 recu ? non, prevu jeudi ## FR007 | R | - | 4839.31@2026-11-26 | - | - |
boulangerie chevalier : C. Lefevre : 1/2 maintenant 1/2 fin dec ## FR016 | R | Claire Lefèvre | half@2026-11-23;half@2026-12-31 | - | - |
garage dubois : msg vocal laisse a N. Blanc ## FR025 | V | - | - | - | - |
tx dubois : F-1028 regl. qd avoir recu ## FR004 | R | - | - | - | - |
pharma roux : promesse 20k ## FR023 | R | - | 20000@- | - | - | ?
mercier fact 1012 : pas le bon taux de TVA ## FR002 | R | - | - | FA-2026-1012:billing_error:taux de TVA | - |
gar. lefevre : chq 3026,08 envoye ds la sem ## FR035 | R | - | 3026.08@2026-11-27 | - | - |
bat girard : J. Laurent ok paiement 8407,92 mardi ## FR013 | R | Jeanne Laurent | 8407.92@2026-11-24 | - | - |
brass girard: contestation fact 1002 pas recue ## FR001 | R | - | - | FA-2026-1002:not_received:pas recue | - |
