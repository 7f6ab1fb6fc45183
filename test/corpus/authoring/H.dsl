# voice mixed: franglais, colleagues switching languages, and notes that must make Relance ask
Textiles Dubois: spoke to Julien, il paiera 5k vendredi ## FR004 | R | Julien Garnier | 5000@2026-11-27 | - | - |
Ashford Textiles - Amelia dit qu'elle paiera fin du mois ## UK036 | R | Amelia Evans | rest@2026-11-30 | - | - |
Pharmacie Roux - no answer, rappeler demain ## FR023 | N | - | - | - | 2026-11-24 |
Harbour Print : messagerie, call back Thursday ## UK015 | V | - | - | - | 2026-11-26 |
Brasserie Martin: Thomas confirms virement 2 141,46 € tomorrow ## FR007 | R | Thomas Laurent | 2141.46@2026-11-24 | - | - |
Kestrel Print, Harry : invoice UK-2026-1324 en litige, goods damaged ## UK033 | R | Harry Hughes | - | UK-2026-1324:quality:goods damaged | - |
Imprimerie Dubois - la compta says FA-2026-1182 was paid twice ## FR020 | R | Camille Lefèvre | - | FA-2026-1182:already_paid:paid twice | - |
Redwood Textiles : James Smith will pay le solde fin décembre ## UK006 | R | James Smith | rest@2026-12-31 | - | - |
Bâtiment Blanc: Thomas Roux ok for 3k mardi, rest end of month ## FR005 | R | Thomas Roux | 3000@2026-11-24;rest@2026-11-30 | - | - |
Silverline Foods : Emma pas dispo, try again Monday ## UK030 | N | - | - | - | 2026-11-30 |
Dubois: messagerie ## - | V | - | - | - | - | ?
Fournier paiera 2k vendredi ## - | R | - | 2000@2026-11-27 | - | - | ?
Pharmacie Laurent : Isabelle Girard promet 3 000 € le 30 ## FR026 | R | Isabelle Girard | 3000@2026-11-30 | - | - |
Pharmacie Laurent : Sophie Dubois dit que la FA-2026-1341 est déjà payée ## FR034 | R | Sophie Dubois | - | FA-2026-1341:already_paid:déjà payée | - |
Redwood : Olivia will pay Friday ## UK003 | R | Olivia Taylor | rest@2026-11-27 | - | - |
Garage : pas de réponse ## - | N | - | - | - | - | ?
spoke to Amelia Evans, she'll pay 6k Friday ## - | R | Amelia Evans | 6000GBP@2026-11-27 | - | - | ?
Jack Jones promised £4,000 next Friday ## UK027 | R | Jack Jones | 4000@2026-12-04 | - | - |
Julien Garnier au tel : virement 7 941,91 € jeudi pour la FA-2026-1026 ## FR004 | R | Julien Garnier | 7941.91@2026-11-26 | - | - |
Textiles : no answer ## - | N | - | - | - | - | ?
Girard : M. Garnier paiera 5 000 € lundi ## FR028 | R | Antoine Garnier | 5000@2026-11-30 | - | - |
Antoine Garnier paiera lundi ## - | R | Antoine Garnier | rest@2026-11-30 | - | - | ?
Transports Chevalier : paiera 3k ## FR014 | R | - | 3000@- | - | - | ?
Mercier : FA-2026-1013 contestée ## FR002 | R | - | - | FA-2026-1013:other | - |
Garage Lefèvre : litige sur une facture, marchandise abîmée ## FR035 | R | - | - | - | - | ?
Brasserie Girard : rappeler ## FR001 | - | - | - | - | - | ?
Imprimerie Dubois: will pay 60k Friday ## FR020 | R | - | 60000@2026-11-27 | - | - | ?
Harbour Print - INV-7777 disputed, wrong price ## UK015 | R | - | - | - | - | ?
Redwood Logistics: Sophie promised to pay, no date given ## UK018 | R | Sophie Hughes | rest@- | - | - | ?
Kestrel: call back Friday ## - | - | - | - | - | 2026-11-27 | ?
Transports Laurent : fact. 1092 en litige, prestation non conforme ## FR010 | R | - | - | FA-2026-1092:quality:prestation non conforme | - |
Silverline Supplies : Jack dit pas avant janvier, no date ## UK027 | R | Jack Jones | - | - | - |
Boulangerie Chevalier: spoke to Claire, 1k now, le reste le 15 ## FR016 | R | Claire Lefèvre | 1000@2026-11-23;rest@2026-12-15 | - | - |
Laboratoires Lefèvre : Jeanne a dit call me back after 4 ## FR032 | CB | Jeanne Bernard | - | - | 2026-11-23 |
Bramble Foods : Amelia Jones, virement de £1,953.13 le 1er décembre ## UK024 | R | Amelia Jones | 1953.13@2026-12-01 | - | - |
Transports Dubois : left a voicemail pour Camille ## FR022 | V | - | - | - | - |
Garage Garnier : Thomas says the invoice FA-2026-1311 doesn't match the purchase order ## FR031 | R | Thomas Garnier | - | FA-2026-1311:billing_error:doesn't match the purchase order | - |
Redwood Print : Olivia Taylor, will pay £10,000 Friday ## UK003 | R | Olivia Taylor | 10000@2026-11-27 | - | - | ?
Bâtiment Fournier et Menuiserie Fournier : pas de réponse ## - | N | - | - | - | - | ?
Silverline Textiles : Jack Smith said le chèque part demain ## UK012 | R | Jack Smith | rest@2026-11-24 | - | - |
Pharmacie Girard : Camille will call us back later ## FR011 | CB | Camille Fournier | - | - | - | ?
Kestrel Textiles - George : 50% now, 50% end of January ## UK009 | R | George Hughes | half@2026-11-23;half@2027-01-29 | - | - |
Transports Girard : rdv tel demain 9h avec Luc ## FR019 | R | Luc Martin | - | - | 2026-11-24 |
Fonderie Girard : the DAF dit que le prix est faux sur la FA-2026-1273 ## FR028 | R | Antoine Garnier | - | FA-2026-1273:price:le prix est faux | - |
Ashford : engaged, rappel lundi ## UK036 | N | - | - | - | 2026-11-30 |
Menuiserie Fournier : Julien Faure, payment of 6 590,85 € on the 15th ## FR017 | R | Julien Faure | 6590.85@2026-12-15 | - | - |
Harbour Print : Olivia Smith says she will pay soon ## UK015 | R | Olivia Smith | rest@- | - | - | ?
Garage Dubois : mauvais numéro, le nouveau est dans le mail ## FR025 | W | - | - | - | - |
Imprimerie Girard : FA-2026-1066 and FA-2026-1067 both disputed, wrong quantities ## FR008 | R | - | - | FA-2026-1066:quantity:wrong quantities;FA-2026-1067:quantity:wrong quantities | - |
Bramble Engineering : Amelia Evans dit que UK-2026-1197 n'a jamais été livrée ## UK021 | R | Amelia Evans | - | UK-2026-1197:not_received:jamais été livrée | - |
