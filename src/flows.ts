// The flows chunk (dist/flows.js): the commands that sign in and out, create, rotate and delete
// tokens and choose a team. Loaded the first time one of them runs: a session that only looks at
// the tree, copies values and gets alerts never needs them.
export { signIn } from './commands/signIn';
export { signOut } from './commands/signOut';
export { createToken } from './commands/createToken';
export { rotateToken } from './commands/rotateToken';
export { deleteToken } from './commands/deleteToken';
export { deleteExpiredTokens, deleteTokens, publicSelection, trustedSelection } from './commands/deleteTokens';
export { selectTeam } from './commands/selectTeam';
export { openLeakLocation } from './commands/openLeakLocation';
