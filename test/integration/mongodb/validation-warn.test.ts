/**
 * validationAction "warn": mongod stores the document and logs "Document would fail
 * validation". The product's logger (pino, through the real connection code) gets one warning
 * naming the collection and the rules that failed, and nothing of the document's content.
 */
import { parseConfig } from '../../../integrations/config';
import { memoryLogger } from '../../../integrations/logger';
import { connectDatabase, type Database } from '../../../integrations/mongodb/connect';

describe('a validator with validationAction "warn"', () => {
  let db: Database;
  afterEach(async () => {
    await db?.close();
  });

  it('stores the failing document and logs one warning without its content', async () => {
    const { logger, lines } = memoryLogger('warn');
    db = await connectDatabase(parseConfig({ DATA_DIR: '' }).mongo, logger, 'relance_warn');
    const native = db.connection.db!;
    await native.createCollection('contacts', {
      validator: {
        $jsonSchema: {
          required: ['email'],
          properties: { email: { bsonType: 'string', pattern: '@' } },
        },
      },
      validationAction: 'warn',
    });
    const contacts = native.collection('contacts');
    await contacts.insertOne({ name: 'Marie Dupont', email: 'marie.dupont-chez-exemple.fr' });
    await contacts.insertOne({ name: 'Jean Martin', email: 'jean.martin@exemple.fr' });
    expect(await contacts.countDocuments()).toBe(2);

    const warnings = lines().filter((l) => l.msg === 'Document would fail validation');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 40,
      namespace: 'relance_warn.contacts',
      validationAction: 'warn',
      rulesNotSatisfied: {
        operatorName: '$jsonSchema',
        schemaRulesNotSatisfied: [
          {
            operatorName: 'properties',
            propertiesNotSatisfied: [
              { propertyName: 'email', details: [expect.objectContaining({ operatorName: 'pattern' })] },
            ],
          },
        ],
      },
    });
    expect(JSON.stringify(warnings[0])).not.toMatch(/marie|dupont|exemple/i);

    // An update that breaks the rule warns the same way; the document is changed.
    await contacts.updateOne({ name: 'Jean Martin' }, { $unset: { email: '' } });
    expect(lines().filter((l) => l.msg === 'Document would fail validation')).toHaveLength(2);
    expect(await contacts.countDocuments({ email: { $exists: false } })).toBe(1);
  }, 60_000);
});
