/**
 * CSV headers: the canonical names (the contract in the README) and the French (and common
 * accounting-export) names accepted for each. Headers are compared without case, accents,
 * spaces or punctuation, so "Date d'échéance" and "date_echeance" are the same column.
 */

export const IMPORT_KINDS = ['staff', 'customers', 'invoices', 'payments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const CANONICAL_HEADERS: Record<ImportKind, readonly string[]> = {
  staff: ['handle', 'name', 'email', 'role', 'time_zone', 'slack_user_id', 'teams_user_id'],
  customers: [
    'reference',
    'name',
    'language',
    'time_zone',
    'owner',
    'credit_limit',
    'currency',
    'payment_terms_days',
    'strategic',
    'contact_name',
    'contact_role',
    'contact_email',
    'contact_phone',
    'address',
    'postal_code',
    'city',
    'country',
    'legal_id',
    'civility',
    'sales_rep',
  ],
  invoices: ['number', 'customer_reference', 'issue_date', 'due_date', 'currency', 'amount', 'amount_paid'],
  payments: ['reference', 'customer_reference', 'date', 'currency', 'amount', 'invoice_numbers'],
};

const ALIASES: Record<string, string[]> = {
  handle: ['identifiant', 'code_utilisateur', 'login'],
  name: ['nom', 'raison_sociale', 'nom_client', 'societe'],
  email: ['courriel', 'e_mail', 'mail', 'adresse_email'],
  role: ['fonction'],
  time_zone: ['fuseau_horaire', 'fuseau', 'timezone'],
  slack_user_id: ['id_slack', 'identifiant_slack'],
  teams_user_id: ['id_teams', 'identifiant_teams'],
  // A payment's own reference; a customer code is `reference` only in a customers file (below).
  reference: ['ref', 'ref_paiement', 'ref_reglement', 'reference_reglement'],
  language: ['langue'],
  owner: ['responsable', 'gestionnaire', 'charge_de_recouvrement', 'charge_recouvrement'],
  credit_limit: ['encours', 'encours_autorise', 'limite_de_credit', 'plafond'],
  currency: ['devise', 'monnaie'],
  payment_terms_days: [
    'delai_de_paiement',
    'delai_paiement',
    'delai_de_paiement_jours',
    'conditions_de_paiement',
  ],
  strategic: ['strategique', 'compte_strategique'],
  contact_name: ['contact', 'nom_contact', 'contact_nom', 'interlocuteur'],
  contact_role: ['fonction_contact', 'contact_fonction'],
  contact_email: ['email_contact', 'courriel_contact', 'contact_courriel', 'contact_mail'],
  contact_phone: ['telephone', 'tel', 'telephone_contact', 'contact_telephone'],
  address: ['adresse', 'adresse_postale', 'rue'],
  postal_code: ['code_postal', 'cp', 'zip', 'postcode'],
  city: ['ville', 'commune'],
  country: ['pays'],
  legal_id: [
    'siren',
    'siret',
    'n_siren',
    'numero_siren',
    'tva_intracommunautaire',
    'numero_tva',
    'vat_number',
    'identifiant_legal',
  ],
  civility: ['civilite', 'contact_civility', 'contact_civilite', 'titre', 'title'],
  sales_rep: ['commercial', 'representant', 'representant_commercial', 'vendeur', 'salesperson'],
  number: [
    'numero',
    'numero_facture',
    'numero_de_facture',
    'num_facture',
    'facture',
    'n_facture',
    'no_facture',
    'n_de_facture',
    'piece',
  ],
  customer_reference: [
    'reference_client',
    'ref_client',
    'client',
    'code_client',
    'compte_client',
    'reference_du_client',
  ],
  issue_date: ['date_facture', 'date_de_facture', 'date_emission', 'date_d_emission', 'date_piece'],
  due_date: ['date_echeance', 'echeance', 'date_d_echeance'],
  amount: ['montant', 'montant_ttc', 'montant_facture'],
  amount_paid: ['montant_regle', 'regle', 'montant_paye', 'deja_regle', 'paye', 'montant_deja_regle'],
  date: ['date_reglement', 'date_paiement', 'date_de_reglement', 'date_de_paiement'],
  invoice_numbers: ['factures', 'numeros_factures', 'numeros_de_factures', 'factures_reglees'],
};

/**
 * Aliases that depend on the kind. "code_client" is the customer's own reference in a customers
 * file, but the customer an invoice or a payment belongs to elsewhere: a payments file has both a
 * `reference` (the payment's) and a `customer_reference`, and a customer code there must never be
 * taken for the payment's reference (it was, when both columns shared these aliases).
 */
const KIND_ALIASES: Partial<Record<ImportKind, Record<string, string[]>>> = {
  customers: {
    reference: ['code_client', 'compte_client', 'numero_client', 'reference_client', 'ref_client'],
  },
};

export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Maps a file's headers to canonical names for a kind. Returns the mapping (file header →
 * canonical, or null when the column is ignored) and the required columns that are missing.
 */
export function mapHeaders(
  kind: ImportKind,
  headers: string[],
): { mapping: (string | null)[]; ignored: string[] } {
  const wanted = new Set(CANONICAL_HEADERS[kind]);
  const used = new Set<string>();
  const ignored: string[] = [];
  const mapping = headers.map((raw) => {
    const h = normalizeHeader(raw);
    let canonical: string | undefined;
    if (wanted.has(h)) canonical = h;
    else canonical = [...wanted].find((c) => KIND_ALIASES[kind]?.[c]?.includes(h) || ALIASES[c]?.includes(h));
    if (!canonical || used.has(canonical)) {
      ignored.push(raw);
      return null;
    }
    used.add(canonical);
    return canonical;
  });
  return { mapping, ignored };
}
