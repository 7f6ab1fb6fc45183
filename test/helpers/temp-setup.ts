// jest globalSetup: see temp-root.ts.
import { setup } from './temp-root';

export default setup;
