# voice fr-stories: disputes and plans told as stories, several facts per note
Textiles Dubois : M. Garnier m'explique qu'à la livraison du 12 octobre les rouleaux étaient mouillés, ils les ont gardés mais ne veulent pas payer la FA-2026-1026 plein pot ## FR004 | R | Julien Garnier | - | FA-2026-1026:quality:les rouleaux étaient mouillés | - |
Pharmacie Roux : Claire Faure raconte que leur entrepôt a reçu 200 cartons au lieu de 250 sur la FA-2026-1225 ; elle paiera la FA-2026-1223 le 11 décembre ## FR023 | R | Claire Faure | rest@2026-12-11 | FA-2026-1225:quantity:200 cartons au lieu de 250 | - |
Brasserie Martin : le gérant me dit que le technicien n'est jamais venu pour l'installation facturée FA-2026-1062 ## FR007 | R | Thomas Laurent | - | FA-2026-1062:not_received:le technicien n'est jamais venu | - |
Garage Garnier : d'après Thomas Garnier le devis disait 5 800 € et la FA-2026-1308 en fait 7 079,25 ; il attend une facture rectificative ## FR031 | R | Thomas Garnier | - | FA-2026-1308:price:le devis disait 5 800 € | - |
Imprimerie Girard : accord sur un échéancier : 3 000 € le 15 décembre, 3 000 € le 15 janvier et le solde le 15 février ## FR008 | R | - | 3000@2026-12-15;3000@2027-01-15;rest@2027-02-15 | - | - |
Fonderie Girard : selon le DAF la FA-2026-1278 a été réglée avec la 1277 en un seul virement en octobre ## FR028 | R | Antoine Garnier | - | FA-2026-1278:already_paid:réglée avec la 1277 en un seul virement | - |
Transports Mercier : Mme Chevalier dit que la FA-2026-1008 concerne une tournée annulée, la prestation n'a pas eu lieu ## FR002 | R | Isabelle Chevalier | - | FA-2026-1008:not_received:la prestation n'a pas eu lieu | - |
Bâtiment Blanc : Thomas Roux accepte de payer 7 009,53 € fin décembre, mais la FA-2026-1043 est contestée car les fenêtres posées ne sont pas celles commandées ## FR005 | R | Thomas Roux | 7009.53@2026-12-31 | FA-2026-1043:quality:les fenêtres posées ne sont pas celles commandées | - |
Menuiserie Fournier : ils ont reçu la facture FA-2026-1157 au nom de l'ancienne société, il faut la réémettre ## FR017 | R | - | - | FA-2026-1157:billing_error:au nom de l'ancienne société | - |
Boulangerie Chevalier : Claire Lefèvre me dit que le four livré ne chauffe pas, la FA-2026-1138 ne sera pas payée tant qu'il n'est pas réparé ## FR016 | R | Claire Lefèvre | - | FA-2026-1138:quality:le four livré ne chauffe pas | - |
Laboratoires Lefèvre : Jeanne Bernard paiera 4 000 € le 30, puis 4 000 € fin décembre, et le reste en janvier ## FR032 | R | Jeanne Bernard | 4000@2026-11-30;4000@2026-12-31;rest@2027-01-29 | - | - |
Transports Dubois : la FA-2026-1210 leur a été facturée alors que le transport a été fait par un autre prestataire ## FR022 | R | - | - | FA-2026-1210:billing_error:fait par un autre prestataire | - |
Garage Dubois : M. Blanc a retrouvé le chèque de la FA-2026-1241, encaissé le 5 novembre d'après leur banque ## FR025 | R | Nicolas Blanc | - | FA-2026-1241:already_paid:encaissé le 5 novembre | - |
Transports Chevalier : la livraison de la FA-2026-1123 est arrivée avec trois jours de retard et ils réclament une remise de 10 % ## FR014 | R | - | - | FA-2026-1123:price:une remise de 10 % | - |
Pharmacie Girard : Camille Fournier est revenue de congé, elle règle la FA-2026-1096 lundi et la FA-2026-1099 le 15 ## FR011 | R | Camille Fournier | rest@2026-11-30;rest@2026-12-15 | - | - |
Imprimerie Dubois : Camille Lefèvre dit que sur la FA-2026-1182 il manque la moitié des brochures ## FR020 | R | Camille Lefèvre | - | FA-2026-1182:quantity:il manque la moitié des brochures | - |
Transports Girard : Luc Martin rappelle que la FA-2026-1167 avait été payée en août avec la 1171, il m'envoie l'avis de virement ## FR019 | R | Luc Martin | - | FA-2026-1167:already_paid:payée en août | - |
Bâtiment Girard : Jeanne Laurent propose 2 000 € par mois de décembre à mars ## FR013 | R | Jeanne Laurent | 2000@2026-12-31;2000@2027-01-29;2000@2027-02-26;2000@2027-03-31 | - | - |
Brasserie Girard : Isabelle Dubois se plaint que les fûts livrés avec la FA-2026-1005 fuyaient ## FR001 | R | Isabelle Dubois | - | FA-2026-1005:quality:les fûts livrés avec la FA-2026-1005 fuyaient | - |
Garage Lefèvre : Luc Lefèvre ne paiera la FA-2026-1351 qu'après réception de la pièce manquante, le reste il le vire vendredi ## FR035 | R | Luc Lefèvre | rest@2026-11-27 | FA-2026-1351:quantity:pièce manquante | - |
Textiles Dubois : accord sur un échéancier : 10 000 € le 15 décembre, 10 000 € le 15 janvier et le solde le 15 février ## FR004 | R | - | 10000@2026-12-15;10000@2027-01-15;rest@2027-02-15 | - | - |
Pharmacie Roux : la FA-2026-1224 a été adressée à la pharmacie de Lyon au lieu de celle de Villeurbanne ## FR023 | R | - | - | FA-2026-1224:billing_error:adressée à la pharmacie de Lyon au lieu de celle de Villeurbanne | - |
Fonderie Girard : le DAF dit qu'ils ont renvoyé les pièces de la FA-2026-1274 en octobre, défaut de fonderie ## FR028 | R | Antoine Garnier | - | FA-2026-1274:quality:défaut de fonderie | - |
Mercier : deux virements : 4 000 € lundi et le reste le 20 ## FR002 | R | - | 4000@2026-11-30;rest@2026-12-20 | - | - |
Menuiserie Fournier : Julien Faure conteste les heures facturées sur la FA-2026-1152, il dit 12 heures au lieu de 20 ## FR017 | R | Julien Faure | - | FA-2026-1152:quantity:12 heures au lieu de 20 | - |
Brasserie Martin : Thomas Laurent me dit que la FA-2026-1059 ne correspond pas au bon de commande, il attend un avoir ; il paie la FA-2026-1056 mercredi ## FR007 | R | Thomas Laurent | rest@2026-11-25 | FA-2026-1059:billing_error:ne correspond pas au bon de commande | - |
Garage Garnier : Thomas Garnier paiera moitié maintenant, moitié fin janvier ## FR031 | R | Thomas Garnier | half@2026-11-23;half@2027-01-29 | - | - |
Imprimerie Girard : Mme Laurent m'a expliqué que les affiches de la FA-2026-1065 avaient les mauvaises couleurs, refus de payer cette facture ## FR008 | R | Claire Laurent | - | FA-2026-1065:quality:les mauvaises couleurs | - |
Transports Laurent : le comptable a payé la FA-2026-1092 hier, il me renvoie le justificatif ## FR010 | R | Nicolas Dubois | - | FA-2026-1092:already_paid:payé la FA-2026-1092 hier | - |
Boulangerie Chevalier : livraison de farine jamais arrivée pour la FA-2026-1144, ils ont commandé ailleurs ## FR016 | R | - | - | FA-2026-1144:not_received:livraison de farine jamais arrivée | - |
Laboratoires Lefèvre : Jeanne Bernard dit que les réactifs de la FA-2026-1317 étaient périmés à réception ## FR032 | R | Jeanne Bernard | - | FA-2026-1317:quality:périmés à réception | - |
Transports Dubois : Camille Roux va payer la FA-2026-1203 vendredi et la FA-2026-1207 lundi prochain ## FR022 | R | Camille Roux | rest@2026-11-27;rest@2026-11-30 | - | - |
Pharmacie Girard : la commande a été livrée à moitié, la FA-2026-1099 est donc à reprendre ## FR011 | R | - | - | FA-2026-1099:quantity:livrée à moitié | - |
Bâtiment Fournier : Julien Fournier dit que le prix unitaire de la FA-2026-1285 est le double du devis ## FR029 | R | Julien Fournier | - | FA-2026-1285:price:le prix unitaire | - |
Garage Dubois : trois versements de 2 000 € : le 30 novembre, le 30 décembre et le 29 janvier ## FR025 | R | - | 2000@2026-11-30;2000@2026-12-30;2000@2027-01-29 | - | - |
Textiles Dubois : Julien Garnier m'a dit que la FA-2026-1036 avait été payée par chèque en juillet, il cherche la copie ## FR004 | R | Julien Garnier | - | FA-2026-1036:already_paid:payée par chèque en juillet | - |
Imprimerie Dubois : la FA-2026-1185 concerne des catalogues qu'ils n'ont jamais reçus ## FR020 | R | - | - | FA-2026-1185:not_received:jamais reçus | - |
Fonderie Girard : Antoine Garnier veut un geste commercial sur la FA-2026-1276, le tarif a augmenté sans prévenir ## FR028 | R | Antoine Garnier | - | FA-2026-1276:price:le tarif a augmenté sans prévenir | - |
Pharmacie Roux : Claire Faure règle 5 000 € par semaine pendant quatre semaines à partir de vendredi ## FR023 | R | Claire Faure | 5000@2026-11-27;5000@2026-12-04;5000@2026-12-11;5000@2026-12-18 | - | - |
Transports Chevalier : Antoine Garnier raconte que le camion est tombé en panne et que la marchandise de la FA-2026-1120 est arrivée avariée ## FR014 | R | Antoine Garnier | - | FA-2026-1120:quality:arrivée avariée | - |
Bâtiment Blanc : ils ont été facturés sur la FA-2026-1047 pour des travaux pas encore faits ## FR005 | R | - | - | FA-2026-1047:not_received:travaux pas encore faits | - |
Garage Lefèvre : la FA-2026-1344 porte la TVA à 20 % au lieu de 10 %, à refaire ## FR035 | R | - | - | FA-2026-1344:billing_error:TVA à 20 % au lieu de 10 % | - |
Transports Girard : Luc Martin, d'accord pour 2 000 € tous les 15 jours à partir du 1er décembre, trois fois ## FR019 | R | Luc Martin | 2000@2026-12-01;2000@2026-12-16;2000@2026-12-31 | - | - |
Brasserie Girard : la DAF me dit que les caisses de la FA-2026-1001 ont été reprises par notre commercial ## FR001 | R | Isabelle Dubois | - | FA-2026-1001:other:reprises par notre commercial | - |
Menuiserie Fournier : M. Faure dit qu'il a tout réglé, mais je ne vois rien en compta, à vérifier ## FR017 | R | Julien Faure | - | - | - | ?
Boulangerie Chevalier : accord : 1 500 € le 5 décembre, 1 500 € le 5 janvier, le solde le 5 février ## FR016 | R | - | 1500@2026-12-05;1500@2027-01-05;rest@2027-02-05 | - | - |
