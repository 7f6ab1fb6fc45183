# voice fr-dictated: long notes dictated on the phone, little punctuation, numbers sometimes in words
alors appel à la brasserie martin j'ai eu thomas laurent le gérant il me dit qu'il va faire un virement de cinq mille euros vendredi et qu'il réglera le reste à la fin du mois ## FR007 | R | Thomas Laurent | 5000@2026-11-27;rest@2026-11-30 | - | - |
j'ai appelé les transports mercier personne n'a décroché j'ai laissé un message sur le répondeur je rappellerai jeudi ## FR002 | V | - | - | - | 2026-11-26 |
appel textiles dubois monsieur garnier au téléphone il dit que la facture FA-2026-1028 ne correspond pas à ce qu'ils ont commandé il manque deux rouleaux donc il ne la paiera pas pour l'instant par contre il règle la FA-2026-1026 mardi ## FR004 | R | Julien Garnier | rest@2026-11-24 | FA-2026-1028:quantity:il manque deux rouleaux | - |
pharmacie roux j'ai parlé avec madame faure qui m'a expliqué que la comptabilité a changé de logiciel et que les paiements reprendront début décembre elle propose dix mille euros le premier décembre et le solde le quinze janvier ## FR023 | R | Claire Faure | 10000@2026-12-01;rest@2027-01-15 | - | - |
bon pour le garage garnier ça sonne dans le vide depuis ce matin j'essaierai demain ## FR031 | N | - | - | - | 2026-11-24 |
eu le directeur financier de la fonderie girard au téléphone il confirme un virement de quatre mille quatre cent vingt et un euros et cinq centimes pour la fin de la semaine ## FR028 | R | Antoine Garnier | 4421.05@2026-11-27 | - | - |
j'ai essayé de joindre imprimerie dubois trois fois aujourd'hui la ligne est toujours occupée ## FR020 | N | - | - | - | - |
transports chevalier donc j'ai eu antoine garnier qui me dit que la marchandise de la FA-2026-1117 est arrivée cassée qu'ils ont fait des photos et qu'ils attendent un avoir ## FR014 | R | Antoine Garnier | - | FA-2026-1117:quality:arrivée cassée | - |
bâtiment girard la comptable jeanne laurent me rappellera demain après-midi elle n'avait pas le dossier sous la main ## FR013 | CB | Jeanne Laurent | - | - | 2026-11-24 |
menuiserie fournier monsieur faure dit qu'ils ont déjà tout payé par virement le douze novembre pour la FA-2026-1158 il m'envoie la preuve ## FR017 | R | Julien Faure | - | FA-2026-1158:already_paid:virement le douze novembre | - |
appel à la boulangerie chevalier claire lefèvre accepte un échéancier deux mille euros maintenant deux mille euros fin décembre et le reste fin janvier ## FR016 | R | Claire Lefèvre | 2000@2026-11-23;2000@2026-12-31;rest@2027-01-29 | - | - |
laboratoires lefèvre je suis tombé sur une annonce disant que le numéro n'est plus attribué ## FR032 | W | - | - | - | - |
j'ai eu nicolas blanc du garage dubois il paiera la totalité d'ici le quinze décembre ## FR025 | R | Nicolas Blanc | rest@2026-12-15 | - | - |
pharmacie girard madame fournier est en congé maternité le standard me dit de rappeler la semaine prochaine ## FR011 | N | - | - | - | 2026-11-30 |
transports girard luc martin me dit que la FA-2026-1175 a été facturée deux fois avec la FA-2026-1174 et qu'il ne paiera que l'une des deux ## FR019 | R | Luc Martin | - | FA-2026-1175:billing_error:facturée deux fois | - |
alors brasserie girard isabelle dubois la directrice financière me promet trois mille euros mercredi ## FR001 | R | Isabelle Dubois | 3000@2026-11-25 | - | - |
j'ai appelé bâtiment blanc thomas roux m'a dit qu'il ne paierait rien tant que le chantier n'est pas réceptionné ## FR005 | X | Thomas Roux | - | - | - |
pour transports dubois j'ai eu camille roux elle dit que la prestation de la FA-2026-1200 n'a jamais été réalisée le chauffeur ne s'est pas présenté ## FR022 | R | Camille Roux | - | FA-2026-1200:not_received:le chauffeur ne s'est pas présenté | - |
garage lefèvre monsieur lefèvre va nous envoyer un chèque de mille sept cent soixante-huit euros vingt-cinq demain ## FR035 | R | Luc Lefèvre | 1768.25@2026-11-24 | - | - |
je n'ai pas réussi à joindre la pharmacie laurent ## - | N | - | - | - | - | ?
imprimerie girard j'ai eu claire laurent elle est d'accord pour payer la moitié maintenant et la moitié fin janvier ## FR008 | R | Claire Laurent | half@2026-11-23;half@2027-01-29 | - | - |
bâtiment fournier julien fournier au bout du fil il dit qu'il règle vendredi sans faute ## FR029 | R | Julien Fournier | rest@2026-11-27 | - | - |
textiles dubois messagerie encore une fois je réessaie lundi prochain ## FR004 | V | - | - | - | 2026-11-30 |
alors transports laurent nicolas dubois dit que la facture FA-2026-1091 comporte une erreur d'adresse de facturation et qu'il faut la refaire ## FR010 | R | Nicolas Dubois | - | FA-2026-1091:billing_error:erreur d'adresse | - |
fonderie girard monsieur garnier m'a raccroché au nez il ne veut pas payer ## FR028 | X | Antoine Garnier | - | - | - |
pharmacie roux claire faure dit que la commande de la FA-2026-1216 n'est jamais arrivée ## FR023 | R | Claire Faure | - | FA-2026-1216:not_received:jamais arrivée | - |
garage garnier j'ai pu parler à thomas garnier il veut qu'on le rappelle lundi pour un point ## FR031 | CB | Thomas Garnier | - | - | 2026-11-30 |
mercier personne au standard j'ai rappelé deux fois sans succès ## FR002 | N | - | - | - | - |
j'ai eu la gérante de l'imprimerie girard au téléphone elle va verser mille euros par semaine à partir de vendredi ## FR008 | R | Claire Laurent | 1000@2026-11-27 | - | - |
menuiserie fournier julien faure dit qu'on leur a facturé un prix supérieur au tarif négocié sur la FA-2026-1149 ## FR017 | R | Julien Faure | - | FA-2026-1149:price:supérieur au tarif négocié | - |
laboratoires lefèvre jeanne bernard promet de régler la FA-2026-1314 le sept décembre ## FR032 | R | Jeanne Bernard | rest@2026-12-07 | - | - |
garage dubois je suis tombé sur la messagerie de nicolas blanc j'ai laissé un message ## FR025 | V | - | - | - | - |
brasserie girard elle m'a dit que la FA-2026-1004 on l'a reçue en double donc ils ne la paieront qu'une fois ## FR001 | R | - | - | FA-2026-1004:billing_error:reçue en double | - |
transports chevalier le comptable est absent aujourd'hui rappeler demain ## FR014 | N | - | - | - | 2026-11-24 |
pharmacie girard camille fournier me dit qu'ils paieront sept mille trois cent quatre-vingt-dix-huit euros cinquante et un le trente novembre ## FR011 | R | Camille Fournier | 7398.51@2026-11-30 | - | - |
bâtiment girard jeanne laurent ne répond pas son portable est coupé ## FR013 | N | - | - | - | - |
textiles dubois julien garnier promet deux virements quatre mille euros lundi et le reste le vingt ## FR004 | R | Julien Garnier | 4000@2026-11-30;rest@2026-12-20 | - | - |
imprimerie dubois camille lefèvre dit que les tarifs de la FA-2026-1185 ne sont pas ceux de la commande ## FR020 | R | Camille Lefèvre | - | FA-2026-1185:price:tarifs | - |
bon j'ai appelé la boulangerie chevalier ça ne répond pas j'ai laissé un message ## FR016 | V | - | - | - | - |
transports girard luc martin paiera quand il aura reçu le virement de son client pas de date ## FR019 | R | Luc Martin | - | - | - |
garage lefèvre le comptable me demande de le rappeler vendredi matin ## FR035 | CB | Luc Lefèvre | - | - | 2026-11-27 |
fonderie girard antoine garnier règlera six mille euros sous quinzaine ## FR028 | R | Antoine Garnier | 6000@2026-12-08 | - | - |
pharmacie roux personne ne décroche chez eux je retente cet après-midi ## FR023 | N | - | - | - | 2026-11-23 |
mercier isabelle chevalier dit que les palettes de la FA-2026-1013 sont arrivées abîmées et qu'ils ont tout refusé ## FR002 | R | Isabelle Chevalier | - | FA-2026-1013:quality:arrivées abîmées | - |
j'ai eu le gérant de la brasserie martin il paiera tout le quatre décembre ## FR007 | R | Thomas Laurent | rest@2026-12-04 | - | - |
transports dubois camille roux promet mille euros le premier de chaque mois à partir de décembre ## FR022 | R | Camille Roux | 1000@2026-12-01 | - | - |
