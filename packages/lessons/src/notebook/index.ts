/** `@descent/lessons/notebook`: running cells in one shared scope. Browser-safe (sucrase, no Node APIs). */
export { Session, CellError, checkCellImport, type ModuleResolver } from './session';
export { compileCell, CellSyntaxError, type CompiledCell } from './transform';
export { executeLesson, type ExecuteOptions } from './execute';
export type { CellResult, ExerciseResult, ExerciseRun, Failure, LessonEvent, LessonResult } from './results';
