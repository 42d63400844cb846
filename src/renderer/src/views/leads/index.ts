export { MoveTo } from './MoveTo';
export { WorkloadBoard } from './WorkloadBoard';
