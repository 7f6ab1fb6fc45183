/**
 * Realistic call notes, half French, half English, with what a credit controller means by
 * them. Written on Monday 23 November 2026 at 09:15 in Paris. Typos, mixed languages, several
 * facts in one message, and notes that must make Relance ask rather than guess are included.
 */
import type { NoteDirectory } from '../../../dialogs/call-note/note';

export const DIRECTORY: NoteDirectory = {
  customers: [
    { reference: 'ACME', name: 'Acme Industries SA', currency: 'EUR' },
    { reference: 'DURAND', name: 'Durand & Fils SARL', currency: 'EUR' },
    { reference: 'FOURB', name: 'Bâtiment Fournier SA', currency: 'EUR' },
    { reference: 'FOURM', name: 'Menuiserie Fournier SAS', currency: 'EUR' },
    { reference: 'NORTH', name: 'Northwind Traders Ltd', currency: 'GBP' },
    { reference: 'SMITH', name: 'Smith & Co Ltd', currency: 'GBP' },
    { reference: 'LUMI', name: 'Café Lumière SARL', currency: 'EUR' },
    { reference: 'ROUX', name: 'Pharmacie Roux SARL', currency: 'EUR' },
    { reference: 'BLUE', name: 'Bluebird Logistics plc', currency: 'GBP' },
    { reference: 'DUBOIS', name: 'Textiles Dubois SAS', currency: 'EUR' },
    { reference: 'GARAGE', name: 'Garage Lefèvre SA', currency: 'EUR' },
    { reference: 'HELIOS', name: 'Helios Energie SAS', currency: 'EUR' },
  ],
  invoices: [
    { number: 'INV-1042', customer: 'ACME', currency: 'EUR', outstanding: 1_200_000 },
    { number: 'INV-1043', customer: 'ACME', currency: 'EUR', outstanding: 300_000 },
    { number: 'INV-1050', customer: 'ACME', currency: 'EUR', outstanding: 450_000 },
    { number: 'FA-2026-0311', customer: 'DURAND', currency: 'EUR', outstanding: 450_000 },
    { number: 'FA-2026-0320', customer: 'DURAND', currency: 'EUR', outstanding: 120_000 },
    { number: 'FA-2026-0400', customer: 'FOURB', currency: 'EUR', outstanding: 800_000 },
    { number: 'FA-2026-0410', customer: 'FOURM', currency: 'EUR', outstanding: 230_000 },
    { number: 'FA-2026-0411', customer: 'FOURM', currency: 'EUR', outstanding: 100_000 },
    { number: 'UK-2026-1001', customer: 'NORTH', currency: 'GBP', outstanding: 500_000 },
    { number: 'UK-2026-1002', customer: 'NORTH', currency: 'GBP', outstanding: 250_000 },
    { number: 'UK-2026-1100', customer: 'SMITH', currency: 'GBP', outstanding: 1_000_000 },
    { number: 'FA-2026-0500', customer: 'LUMI', currency: 'EUR', outstanding: 90_000 },
    { number: 'FA-2026-0600', customer: 'ROUX', currency: 'EUR', outstanding: 2_000_000 },
    { number: 'FA-2026-0601', customer: 'ROUX', currency: 'EUR', outstanding: 500_000 },
    { number: 'UK-2026-1200', customer: 'BLUE', currency: 'GBP', outstanding: 700_000 },
    { number: 'FA-2026-0700', customer: 'DUBOIS', currency: 'EUR', outstanding: 1_500_000 },
    { number: 'FA-2026-0800', customer: 'GARAGE', currency: 'EUR', outstanding: 350_000 },
    { number: 'INV-2001', customer: 'HELIOS', currency: 'EUR', outstanding: 5_000_000 },
  ],
};

export interface Expected {
  customer: string | null;
  outcome: string | null;
  contact: string | null;
  /** amount (minor units) or null for "the rest"/no amount, date, currency when not EUR. */
  promises: Array<{ amount: number | null; date: string | null; currency?: string }>;
  /** invoice, reason, and a phrase the detail must contain. */
  disputes: Array<{ invoice: string; reason: string; detail?: string }>;
  callback: string | null;
  /** Whether Relance must ask a question instead of recording. */
  asks: boolean;
}

const none = { contact: null, promises: [], disputes: [], callback: null, asks: false };
const P = (amount: number | null, date: string | null, currency?: string) => ({ amount, date, currency });

export const MESSAGES: Array<[string, Expected]> = [
  // ——— English ———
  [
    'Acme: spoke to Marie Dupont, will pay 5k Friday and the rest end of month, INV-1042 disputed, pallets arrived damaged',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      contact: 'Marie Dupont',
      promises: [P(500_000, '2026-11-27'), P(null, '2026-11-30')],
      disputes: [{ invoice: 'INV-1042', reason: 'quality', detail: 'pallets arrived damaged' }],
    },
  ],
  [
    'Acme promised 5k by Friday, INV-1042 disputed: damaged goods',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      promises: [P(500_000, '2026-11-27')],
      disputes: [{ invoice: 'INV-1042', reason: 'quality', detail: 'damaged goods' }],
    },
  ],
  [
    'No answer at Northwind, call back Thursday',
    { ...none, customer: 'NORTH', outcome: 'no_answer', callback: '2026-11-26' },
  ],
  ['Left a voicemail for Smith & Co', { ...none, customer: 'SMITH', outcome: 'voicemail' }],
  [
    'Smith and Co - wrong number, need a new contact',
    { ...none, customer: 'SMITH', outcome: 'wrong_number' },
  ],
  [
    'Bluebird Logistics: talked to John Carter, they will pay £3,500 on Wednesday',
    {
      ...none,
      customer: 'BLUE',
      outcome: 'reached',
      contact: 'John Carter',
      promises: [P(350_000, '2026-11-25', 'GBP')],
    },
  ],
  [
    'Northwind will pay everything by the 5th',
    { ...none, customer: 'NORTH', outcome: 'reached', promises: [P(null, '2026-12-05', 'GBP')] },
  ],
  [
    'Northwind says UK-2026-1002 was never received',
    {
      ...none,
      customer: 'NORTH',
      outcome: 'reached',
      disputes: [{ invoice: 'UK-2026-1002', reason: 'not_received' }],
    },
  ],
  [
    'Helios refuses to pay until the project is finished',
    { ...none, customer: 'HELIOS', outcome: 'refused' },
  ],
  [
    'Helios asked us to call back next week',
    { ...none, customer: 'HELIOS', outcome: 'call_back_requested', callback: '2026-11-30' },
  ],
  [
    'Acme will pay 3k tomorrow',
    { ...none, customer: 'ACME', outcome: 'reached', promises: [P(300_000, '2026-11-24')] },
  ],
  [
    'Spoke with Tom Baker at Bluebird, paying 2k on Dec 10 and 5k in 2 weeks',
    {
      ...none,
      customer: 'BLUE',
      outcome: 'reached',
      contact: 'Tom Baker',
      promises: [P(200_000, '2026-12-10', 'GBP'), P(500_000, '2026-12-07', 'GBP')],
    },
  ],
  [
    'Fournier will pay 2k Friday',
    { ...none, customer: null, outcome: 'reached', promises: [P(200_000, '2026-11-27')], asks: true },
  ],
  [
    'Acme will pay 5k',
    { ...none, customer: 'ACME', outcome: 'reached', promises: [P(500_000, null)], asks: true },
  ],
  [
    'Acme promised 50k Friday',
    { ...none, customer: 'ACME', outcome: 'reached', promises: [P(5_000_000, '2026-11-27')], asks: true },
  ],
  [
    'Called about INV-9999, they say it was paid',
    { ...none, customer: null, outcome: 'reached', asks: true },
  ],
  [
    'Smith & Co: UK-2026-1100 already paid on 2 November, sending remittance',
    {
      ...none,
      customer: 'SMITH',
      outcome: 'reached',
      disputes: [{ invoice: 'UK-2026-1100', reason: 'already_paid' }],
    },
  ],
  [
    'INV-1043 disputed: wrong price, they expected the 10% discount',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      disputes: [{ invoice: 'INV-1043', reason: 'price', detail: 'wrong price' }],
    },
  ],
  [
    'Acme - INV-1050 short delivery, only received 8 of 10 pallets',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      disputes: [{ invoice: 'INV-1050', reason: 'quantity' }],
    },
  ],
  [
    'Pharmacie Roux: billing error on FA-2026-0601, wrong VAT rate',
    {
      ...none,
      customer: 'ROUX',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0601', reason: 'billing_error' }],
    },
  ],
  [
    'Cafe Lumiere disputes the invoice, coffee machine defective',
    {
      ...none,
      customer: 'LUMI',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0500', reason: 'quality' }],
    },
  ],
  [
    'Dubois disputes the invoice',
    {
      ...none,
      customer: 'DUBOIS',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0700', reason: 'other' }],
    },
  ],
  [
    'Acme contests the invoice, says quality is poor',
    { ...none, customer: 'ACME', outcome: 'reached', asks: true },
  ],
  [
    'Garage Lefevre: no reply, try again tomorrow',
    { ...none, customer: 'GARAGE', outcome: 'no_answer', callback: '2026-11-24' },
  ],
  [
    'Northwnd Traders will pay £1,000 Friday',
    { ...none, customer: 'NORTH', outcome: 'reached', promises: [P(100_000, '2026-11-27', 'GBP')] },
  ],
  [
    'Helios Energie: spoke to the CFO, wire of €20,000 on the 15th, rest end of month',
    {
      ...none,
      customer: 'HELIOS',
      outcome: 'reached',
      promises: [P(2_000_000, '2026-12-15'), P(null, '2026-11-30')],
    },
  ],
  [
    'Roux will pay 1.234,56 on Wednesday',
    { ...none, customer: 'ROUX', outcome: 'reached', promises: [P(123_456, '2026-11-25')] },
  ],
  [
    'Roux will transfer €5,000.50 tomorrow',
    { ...none, customer: 'ROUX', outcome: 'reached', promises: [P(500_050, '2026-11-24')] },
  ],
  [
    'Durand pays 12k€ end of month',
    { ...none, customer: 'DURAND', outcome: 'reached', promises: [P(1_200_000, '2026-11-30')], asks: true },
  ],
  [
    'Acme: got Paul Martin, cheque for INV-1043 sent Friday, call back Monday if not received',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      contact: 'Paul Martin',
      promises: [P(null, '2026-11-27')],
      callback: '2026-11-30',
    },
  ],
  [
    'Bluebird - voicemail again, will call back Wednesday',
    { ...none, customer: 'BLUE', outcome: 'voicemail', callback: '2026-11-25' },
  ],
  [
    'Smith & Co busy, call back later this week',
    { ...none, customer: 'SMITH', outcome: 'call_back_requested', callback: null, asks: true },
  ],
  [
    'Texiles Dubois will settle the balance next week',
    { ...none, customer: 'DUBOIS', outcome: 'reached', promises: [P(null, '2026-12-04')] },
  ],
  [
    'spoke to jane at northwind, no promise, follow up Friday',
    { ...none, customer: 'NORTH', outcome: 'reached', callback: '2026-11-27' },
  ],
  [
    'Garage Lefèvre will pay 1500 euros on Friday and 2000 euros on December 10',
    {
      ...none,
      customer: 'GARAGE',
      outcome: 'reached',
      promises: [P(150_000, '2026-11-27'), P(200_000, '2026-12-10')],
    },
  ],
  [
    'Menuiserie Fournier: FA-2026-0410 disputed, parts missing',
    {
      ...none,
      customer: 'FOURM',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0410', reason: 'quantity', detail: 'parts missing' }],
    },
  ],
  [
    'Batiment Fournier promised everything by end of week',
    { ...none, customer: 'FOURB', outcome: 'reached', promises: [P(null, '2026-11-27')] },
  ],
  ['Acme Industries: nobody answered', { ...none, customer: 'ACME', outcome: 'no_answer' }],
  [
    'Called Helios, no answer. Left message with reception',
    { ...none, customer: 'HELIOS', outcome: 'voicemail' },
  ],
  [
    'Pharmacie Roux will pay 10k on 10 December, FA-2026-0601 never delivered',
    {
      ...none,
      customer: 'ROUX',
      outcome: 'reached',
      promises: [P(1_000_000, '2026-12-10')],
      disputes: [{ invoice: 'FA-2026-0601', reason: 'not_received' }],
    },
  ],
  // ——— Français ———
  [
    'Pas de réponse chez Durand, rappeler jeudi',
    { ...none, customer: 'DURAND', outcome: 'no_answer', callback: '2026-11-26' },
  ],
  [
    'Durand : parlé à Mme Leroy, paiera 2 000 € vendredi',
    {
      ...none,
      customer: 'DURAND',
      outcome: 'reached',
      contact: 'Leroy',
      promises: [P(200_000, '2026-11-27')],
    },
  ],
  [
    'Acme va payer 5k vendredi et le solde fin du mois',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      promises: [P(500_000, '2026-11-27'), P(null, '2026-11-30')],
    },
  ],
  [
    'Messagerie chez Garage Lefèvre, laissé un message',
    { ...none, customer: 'GARAGE', outcome: 'voicemail' },
  ],
  ['Mauvais numéro pour Café Lumière', { ...none, customer: 'LUMI', outcome: 'wrong_number' }],
  [
    'Pharmacie Roux refuse de payer tant que le litige n’est pas réglé',
    { ...none, customer: 'ROUX', outcome: 'refused', asks: true },
  ],
  [
    'Textiles Dubois : FA-2026-0700 contestée, marchandise abîmée à la livraison',
    {
      ...none,
      customer: 'DUBOIS',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0700', reason: 'quality', detail: 'marchandise abîmée' }],
    },
  ],
  [
    'Durand : FA-2026-0320 en litige : erreur de facturation, mauvaise adresse',
    {
      ...none,
      customer: 'DURAND',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0320', reason: 'billing_error', detail: 'erreur de facturation' }],
    },
  ],
  [
    'Helios virement de 20 000 € le 15',
    { ...none, customer: 'HELIOS', outcome: 'reached', promises: [P(2_000_000, '2026-12-15')] },
  ],
  [
    'Bâtiment Fournier paiera le solde sous huitaine',
    { ...none, customer: 'FOURB', outcome: 'reached', promises: [P(null, '2026-12-01')] },
  ],
  [
    'Menuiserie Fournier demande à être rappelée lundi',
    { ...none, customer: 'FOURM', outcome: 'call_back_requested', callback: '2026-11-30' },
  ],
  ['Fournier ne répond pas', { ...none, customer: null, outcome: 'no_answer', asks: true }],
  [
    'Eu M. Garnier chez Dubois, chèque de 3 000 € envoyé demain',
    {
      ...none,
      customer: 'DUBOIS',
      outcome: 'reached',
      contact: 'Garnier',
      promises: [P(300_000, '2026-11-24')],
    },
  ],
  [
    'Roux : FA-2026-0600 déjà payée le 2 novembre selon eux',
    {
      ...none,
      customer: 'ROUX',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0600', reason: 'already_paid' }],
    },
  ],
  [
    'Acme conteste la FA-9999, prix trop élevé',
    { ...none, customer: 'ACME', outcome: 'reached', asks: true },
  ],
  [
    'Café Lumière : facture pas reçue',
    {
      ...none,
      customer: 'LUMI',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0500', reason: 'not_received' }],
    },
  ],
  [
    'Durand va régler 1 500 € la semaine prochaine',
    { ...none, customer: 'DURAND', outcome: 'reached', promises: [P(150_000, '2026-12-04')] },
  ],
  [
    'Durand paiera 3k',
    { ...none, customer: 'DURAND', outcome: 'reached', promises: [P(300_000, null)], asks: true },
  ],
  [
    'Garage Lefevre : pas de reponse, rapeler demain',
    { ...none, customer: 'GARAGE', outcome: 'no_answer', callback: '2026-11-24' },
  ],
  ['Injoignable chez Helios', { ...none, customer: 'HELIOS', outcome: 'no_answer' }],
  [
    'Textiles Dubois : parlé avec Julien Garnier, il paie 5 000 € le 10 décembre et le reste fin du mois',
    {
      ...none,
      customer: 'DUBOIS',
      outcome: 'reached',
      contact: 'Julien Garnier',
      promises: [P(500_000, '2026-12-10'), P(null, '2026-11-30')],
    },
  ],
  [
    'Pharmacie Roux : FA-2026-0601 quantité non conforme, il manque 3 cartons',
    {
      ...none,
      customer: 'ROUX',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0601', reason: 'quantity' }],
    },
  ],
  [
    'Acme : réclamation sur INV-1050, le prix ne correspond pas au devis',
    { ...none, customer: 'ACME', outcome: 'reached', disputes: [{ invoice: 'INV-1050', reason: 'price' }] },
  ],
  [
    'Lumière payera 900 € mercredi',
    { ...none, customer: 'LUMI', outcome: 'reached', promises: [P(90_000, '2026-11-25')] },
  ],
  [
    'Durand promet 4 500 € d’ici le 30',
    { ...none, customer: 'DURAND', outcome: 'reached', promises: [P(450_000, '2026-11-30')] },
  ],
  [
    'Helios : échangé avec la comptable, règlement de 15k dans 15 jours',
    { ...none, customer: 'HELIOS', outcome: 'reached', promises: [P(1_500_000, '2026-12-08')] },
  ],
  [
    'Bâtiment Fournier : le gérant veut qu’on le rappelle plus tard, rappeler mercredi',
    { ...none, customer: 'FOURB', outcome: 'call_back_requested', callback: '2026-11-25' },
  ],
  [
    'Garage Lefèvre : répondeur, rappel vendredi',
    { ...none, customer: 'GARAGE', outcome: 'voicemail', callback: '2026-11-27' },
  ],
  [
    'Acme paiera 2 500 € vendredi pour INV-1043, INV-1042 contestée : palettes cassées',
    {
      ...none,
      customer: 'ACME',
      outcome: 'reached',
      promises: [P(250_000, '2026-11-27')],
      disputes: [{ invoice: 'INV-1042', reason: 'quality', detail: 'palettes cassées' }],
    },
  ],
  [
    'Roux paiera 60k vendredi',
    { ...none, customer: 'ROUX', outcome: 'reached', promises: [P(6_000_000, '2026-11-27')], asks: true },
  ],
  ['Durant & Fils : pas de réponse', { ...none, customer: 'DURAND', outcome: 'no_answer' }],
  [
    'Menuiserie Fournier va virer 1k demain puis 1 300 € le 15',
    {
      ...none,
      customer: 'FOURM',
      outcome: 'reached',
      promises: [P(100_000, '2026-11-24'), P(130_000, '2026-12-15')],
    },
  ],
  [
    'Dubois : le client dit qu’il a déjà réglé la FA-2026-0700 par virement',
    {
      ...none,
      customer: 'DUBOIS',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0700', reason: 'already_paid' }],
    },
  ],
  ['Helios ne paiera pas avant la fin du chantier', { ...none, customer: 'HELIOS', outcome: 'refused' }],
  [
    'Garage Lefèvre paiera tout vendredi',
    { ...none, customer: 'GARAGE', outcome: 'reached', promises: [P(null, '2026-11-27')] },
  ],
  [
    'Lumière : eu Mme Petit, payment 500 € Friday, rappeler lundi si rien',
    {
      ...none,
      customer: 'LUMI',
      outcome: 'reached',
      contact: 'Petit',
      promises: [P(50_000, '2026-11-27')],
      callback: '2026-11-30',
    },
  ],
  [
    'Smith & Co : spoke to Mr Jones, pays £2k jeudi',
    {
      ...none,
      customer: 'SMITH',
      outcome: 'reached',
      contact: 'Jones',
      promises: [P(200_000, '2026-11-26', 'GBP')],
    },
  ],
  ['Appelé Dubois, pas de rép, laissé msg', { ...none, customer: 'DUBOIS', outcome: 'voicemail' }],
  [
    'Roux : FA-2026-0600 facture en double, déjà facturée le mois dernier',
    {
      ...none,
      customer: 'ROUX',
      outcome: 'reached',
      disputes: [{ invoice: 'FA-2026-0600', reason: 'billing_error' }],
    },
  ],
  [
    'Menuiserie Fournier : paiera le solde le 15',
    { ...none, customer: 'FOURM', outcome: 'reached', promises: [P(null, '2026-12-15')] },
  ],
];
