// Imported first by server.ts, so that this runs before the rest of the server is even loaded: the analysis
// workers load their code and the built-in knowledge base while the server loads its own, answers the handshake
// and lists the workspace's files. The first indexing finds them ready.
import { prestartWorkers } from '../core/workspace/parallel/pool';

prestartWorkers('default');
