# voice fr-en-formal: a colleague writing full sentences to the team, as in an email
Appel ce jour avec Mme Isabelle Chevalier (Transports Mercier) : elle confirme le règlement de la facture FA-2026-1012 par virement le 1er décembre. ## FR002 | R | Isabelle Chevalier | rest@2026-12-01 | - | - |
Entretien téléphonique avec M. Julien Garnier, Textiles Dubois. Il conteste la facture FA-2026-1034 : la marchandise ne correspond pas à l'échantillon validé. ## FR004 | R | Julien Garnier | - | FA-2026-1034:quality:la marchandise ne correspond pas à l'échantillon validé | - |
Call today with Ms Olivia Smith (Harbour Print): she confirmed payment of UK-2026-1133 by bank transfer on 30 November. ## UK015 | R | Olivia Smith | rest@2026-11-30 | - | - |
Telephone conversation with Mr George Hughes, Kestrel Textiles. He disputes UK-2026-1079: the order was cancelled before dispatch. ## UK009 | R | George Hughes | - | UK-2026-1079:other:the order was cancelled before dispatch | - |
Tentative d'appel auprès de la Pharmacie Roux : aucune réponse. Nouvelle tentative prévue mercredi. ## FR023 | N | - | - | - | 2026-11-25 |
Attempted to call Bramble Foods: no answer. Will try again on Wednesday. ## UK024 | N | - | - | - | 2026-11-25 |
Échange avec Mme Claire Lefèvre (Boulangerie Chevalier) : proposition d'échéancier en trois mensualités de 1 000 €, le 15 décembre, le 15 janvier et le 15 février. ## FR016 | R | Claire Lefèvre | 1000@2026-12-15;1000@2027-01-15;1000@2027-02-15 | - | - |
Spoke with Mr Jack Jones of Silverline Supplies, who proposed a payment plan: £5,000 on 1 December, £5,000 on 4 January and the balance on 1 February. ## UK027 | R | Jack Jones | 5000@2026-12-01;5000@2027-01-04;rest@2027-02-01 | - | - |
Message laissé sur le répondeur de M. Luc Lefèvre (Garage Lefèvre). ## FR035 | V | - | - | - | - |
Left a voicemail for Mrs Amelia Jones at Bramble Foods. ## UK024 | V | - | - | - | - |
Appel avec M. Antoine Garnier (Transports Chevalier) : il indique que la facture FA-2026-1116 a déjà été réglée par chèque n° 4521. ## FR014 | R | Antoine Garnier | - | FA-2026-1116:already_paid:réglée par chèque | - |
Call with Ms Emma Smith, Silverline Foods: the invoice UK-2026-1294 shows the wrong delivery address and must be reissued. ## UK030 | R | Emma Smith | - | UK-2026-1294:billing_error:wrong delivery address | - |
M. Thomas Garnier (Garage Garnier) souhaite être rappelé vendredi après-midi. ## FR031 | CB | Thomas Garnier | - | - | 2026-11-27 |
Mr Harry Hughes (Kestrel Print) asked to be called back on Tuesday morning. ## UK033 | CB | Harry Hughes | - | - | 2026-11-24 |
Le numéro de la Fonderie Girard n'est plus attribué ; à mettre à jour. ## FR028 | W | - | - | - | - |
The number we hold for Silverline Textiles is no longer in service. ## UK012 | W | - | - | - | - |
Appel avec Mme Camille Lefèvre (Imprimerie Dubois) : règlement de 8 528,95 € prévu le 7 décembre pour la FA-2026-1185. ## FR020 | R | Camille Lefèvre | 8528.95@2026-12-07 | - | - |
Spoke with Mrs Sophie Hughes (Redwood Logistics): payment of £8,464.93 scheduled for 2 December. ## UK018 | R | Sophie Hughes | 8464.93@2026-12-02 | - | - |
M. Nicolas Blanc (Garage Dubois) refuse tout paiement tant que le litige commercial n'est pas réglé par son directeur. ## FR025 | X | Nicolas Blanc | - | - | - |
Mr James Smith (Redwood Textiles) refused to make any payment this month. ## UK006 | X | James Smith | - | - | - |
Appel avec Mme Jeanne Bernard (Laboratoires Lefèvre) : la quantité livrée sur la FA-2026-1320 est inférieure à la quantité facturée. ## FR032 | R | Jeanne Bernard | - | FA-2026-1320:quantity:inférieure à la quantité facturée | - |
Call with Mrs Amelia Evans (Ashford Textiles): she states that UK-2026-1355 was settled in September. ## UK036 | R | Amelia Evans | - | UK-2026-1355:already_paid:settled in September | - |
Échange avec M. Luc Martin (Transports Girard) : virement de 6 514,20 € le 26 novembre. ## FR019 | R | Luc Martin | 6514.20@2026-11-26 | - | - |
Call with Mr Jack Smith (Silverline Textiles): he will pay £1,326.18 on Friday. ## UK012 | R | Jack Smith | 1326.18@2026-11-27 | - | - |
Mme Jeanne Laurent (Bâtiment Girard) était absente ; sa collègue demande de rappeler lundi. ## FR013 | CB | - | - | - | 2026-11-30 |
Mrs Olivia Taylor (Redwood Print) was unavailable; her assistant asked us to call back on Thursday. ## UK003 | CB | - | - | - | 2026-11-26 |
Appel avec M. Julien Fournier (Bâtiment Fournier) : règlement du solde en deux fois, moitié le 15 décembre et moitié le 15 janvier. ## FR029 | R | Julien Fournier | half@2026-12-15;half@2027-01-15 | - | - |
Call with Mrs Amelia Evans (Bramble Engineering): UK-2026-1186 to be paid in full on 30 November. ## UK021 | R | Amelia Evans | rest@2026-11-30 | - | - |
Appel avec Mme Isabelle Girard (Pharmacie Laurent) : la facture FA-2026-1253 a été émise sans le numéro de commande, elle sera payée après correction. ## FR026 | R | Isabelle Girard | - | FA-2026-1253:billing_error:sans le numéro de commande | - |
Call with Mr Harry Hughes (Kestrel Print): the goods invoiced on UK-2026-1327 were never delivered. ## UK033 | R | Harry Hughes | - | UK-2026-1327:not_received:never delivered | - |
Appel avec Mme Sophie Dubois (Pharmacie Laurent) : paiement de 2 406,52 € le 3 décembre. ## FR034 | R | Sophie Dubois | 2406.52@2026-12-03 | - | - |
Call with Mr George Hughes (Kestrel Textiles): he will pay UK-2026-1077 on Friday and UK-2026-1079 on Monday. ## UK009 | R | George Hughes | rest@2026-11-27;rest@2026-11-30 | - | - |
