/**
 * Loads `.env` from the working directory into `process.env` (quietly; what the environment sets already wins).
 * Every entry point (`start`, `ask`, `eval`, `calibrate`, `index`, `feedback`, `deploy:discord`) imports this
 * first, so each reads its settings the same way.
 */
import "dotenv/config";
