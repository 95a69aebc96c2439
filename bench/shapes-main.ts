/** `npm run bench:shapes`: the table of statement shapes alone (about 15 s), printed and not written. */
import { printShapes, shapeScenarios } from './shapes-bench.js';

printShapes(await shapeScenarios());
