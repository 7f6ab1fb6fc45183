import { type InferSchemaType, Schema } from 'mongoose';
import { ROLES } from './common';

export const StaffSchema = new Schema(
  {
    handle: {
      type: String,
      required: true,
      unique: true,
      lowercase: true,
      trim: true,
      match: /^[a-z0-9._-]+$/,
    },
    name: { type: String, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    role: { type: String, enum: ROLES, required: true, default: 'credit_controller' },
    timeZone: { type: String, required: true, default: 'Europe/Paris' },
    language: { type: String, enum: ['fr', 'en'], default: 'fr' },
    slackUserId: { type: String, default: undefined },
    teamsUserId: { type: String, default: undefined },
    /** Their morning digest: on or off, and when (HH:mm in their time zone). */
    digest: {
      enabled: { type: Boolean, default: true },
      time: { type: String, default: '08:30', match: /^([01]\d|2[0-3]):[0-5]\d$/ },
    },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
// Channel ids map a chat user to a person: unique when present.
StaffSchema.index(
  { slackUserId: 1 },
  { unique: true, partialFilterExpression: { slackUserId: { $type: 'string' } } },
);
StaffSchema.index(
  { teamsUserId: 1 },
  { unique: true, partialFilterExpression: { teamsUserId: { $type: 'string' } } },
);
StaffSchema.index({ email: 1 });

export type Staff = InferSchemaType<typeof StaffSchema>;
