// happy-dom has no IndexedDB; fake-indexeddb gives the unit tier a spec-complete one.
import 'fake-indexeddb/auto';
