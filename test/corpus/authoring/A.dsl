# voice fr-terse: quick notes typed between two calls
Mercier : pas de réponse, rappeler jeudi ## FR002 | N | - | - | - | 2026-11-26 |
Brasserie Martin ok pour 2000€ vendredi ## FR007 | R | - | 2000@2026-11-27 | - | - |
Textiles Dubois - messagerie ## FR004 | V | - | - | - | - |
Pharmacie Roux : joint Claire Faure, virement de 5 000 € le 30 ## FR023 | R | Claire Faure | 5000@2026-11-30 | - | - |
Bâtiment Blanc, injoignable ## FR005 | N | - | - | - | - |
Garage Garnier : tombé sur la messagerie, laissé un message ## FR031 | V | - | - | - | - |
Fonderie Girard : M. Garnier promet le solde fin du mois ## FR028 | R | Antoine Garnier | rest@2026-11-30 | - | - |
Menuiserie Fournier, ça sonne dans le vide ## FR017 | N | - | - | - | - |
Laboratoires Lefèvre : faux numéro ## FR032 | W | - | - | - | - |
Boulangerie Chevalier : rappeler demain matin ## FR016 | - | - | - | - | 2026-11-24 |
Textiles Dubois : paiera 3k€ mercredi ## FR004 | R | - | 3000@2026-11-25 | - | - |
Imprimerie Dubois : la FA-2026-1185 a déjà été payée la semaine dernière selon eux ## FR020 | R | - | - | FA-2026-1185:already_paid | - |
Brasserie Girard : Isabelle Dubois en congé jusqu'à lundi ## FR001 | N | - | - | - | - |
Pharmacie Roux : FA-2026-1215 pas d'accord, 200 cartons au lieu de 250 ## FR023 | R | - | - | FA-2026-1215:quantity:200 cartons au lieu de 250 | - |
Garage Lefèvre, Luc Lefèvre dit que la FA-2026-1354 a été payée par chèque le 10 ## FR035 | R | Luc Lefèvre | - | FA-2026-1354:already_paid:payée par chèque le 10 | - |
Transports Chevalier : vu avec M. Garnier, rdv tel jeudi pour faire le point ## FR014 | R | Antoine Garnier | - | - | 2026-11-26 |
Girard : pas de réponse ## - | N | - | - | - | - | ?
Dubois paiera vendredi ## - | R | - | rest@2026-11-27 | - | - | ?
Pharmacie Laurent : promesse 4000 € fin du mois ## - | R | - | 4000@2026-11-30 | - | - | ?
Garage Dubois : M. Blanc va faire un virement de 1 500 € demain ## FR025 | R | Nicolas Blanc | 1500@2026-11-24 | - | - |
Transports Girard : Luc Martin demande qu'on le rappelle après 14h ## FR019 | CB | Luc Martin | - | - | 2026-11-23 |
Bâtiment Fournier : Julien Fournier ok pour régler la FA-2026-1284 sous huitaine ## FR029 | R | Julien Fournier | rest@2026-12-01 | - | - |
Imprimerie Girard : échéancier accordé, 2 000 € le 15 décembre, 2 000 € le 15 janvier et le solde le 15 février ## FR008 | R | - | 2000@2026-12-15;2000@2027-01-15;rest@2027-02-15 | - | - |
Pharmacie Girard : Camille Fournier dit que la FA-2026-1099 ne correspond pas au bon de commande ## FR011 | R | Camille Fournier | - | FA-2026-1099:billing_error:ne correspond pas au bon de commande | - |
Mercier rappel vendredi ## FR002 | - | - | - | - | 2026-11-27 |
Garage Garnier : Thomas Garnier règle 6 334,37 € le 31 décembre ## FR031 | R | Thomas Garnier | 6334.37@2026-12-31 | - | - |
Brasserie Martin : le gérant dit qu'ils ont déjà payé la FA-2026-1060 ## FR007 | R | Thomas Laurent | - | FA-2026-1060:already_paid | - |
Bâtiment Girard, la comptable est en réunion, rappeler à 15h ## FR013 | CB | Jeanne Laurent | - | - | 2026-11-23 |
Transports Dubois : Camille Roux, chèque de 2 369,76 € envoyé demain pour la FA-2026-1203 ## FR022 | R | Camille Roux | 2369.76@2026-11-24 | - | - |
Fonderie Girard : messagerie pleine ## FR028 | N | - | - | - | - |
Boulangerie Chevalier : Claire Lefèvre paiera 1 000 € lundi et 1 000 € le lundi suivant ## FR016 | R | Claire Lefèvre | 1000@2026-11-30;1000@2026-12-07 | - | - |
Laboratoires Lefèvre : DAF joint, paiement intégral le 4 décembre ## FR032 | R | Jeanne Bernard | rest@2026-12-04 | - | - |
Textiles Dubois : ligne occupée ## FR004 | N | - | - | - | - |
Menuiserie Fournier : Julien Faure ne veut rien payer avant la fin de l'audit ## FR017 | X | Julien Faure | - | - | - |
Transports Mercier : le standard dit qu'elle est en congé jusqu'au 1er décembre ## FR002 | N | - | - | - | - |
Garage Dubois : pas dispo, rappeler mardi ## FR025 | N | - | - | - | 2026-11-24 |
Pharmacie Roux : promet 10 000 € le 15 et le reste fin décembre ## FR023 | R | - | 10000@2026-12-15;rest@2026-12-31 | - | - |
Imprimerie Dubois : Camille Lefèvre, la FA-2026-1182 : prestation pas réalisée ## FR020 | R | Camille Lefèvre | - | FA-2026-1182:not_received:prestation pas réalisée | - |
Brasserie Girard ## FR001 | - | - | - | - | - | ?
Transports Laurent : Nicolas Dubois rappellera cet après-midi ## FR010 | CB | Nicolas Dubois | - | - | 2026-11-23 |
Garage Lefèvre : 40 000 € vendredi ## FR035 | R | - | 40000@2026-11-27 | - | - |
Bâtiment Blanc : Thomas Roux promet 8 000 € vendredi ## FR005 | R | Thomas Roux | 8000@2026-11-27 | - | - |
Pharmacie Girard : virement de 5 287,89 € pour la FA-2026-1099 ## FR011 | R | - | 5287.89@- | - | - | ?
Fonderie Girard : FA-2026-9999 contestée ## FR028 | R | - | - | - | - | ?
Menuiserie Fournier : laissé un message à Julien Faure, rappeler lundi ## FR017 | V | - | - | - | 2026-11-30 |
Imprimerie Girard : Claire Laurent dit que le prix de la FA-2026-1071 n'est pas celui du devis ## FR008 | R | Claire Laurent | - | FA-2026-1071:price:n'est pas celui du devis | - |
Transports Girard : pas de réponse ce matin, messagerie cet après-midi ## FR019 | V | - | - | - | - |
Garage Garnier : ok pour tout régler d'ici vendredi ## FR031 | R | - | rest@2026-11-27 | - | - |
