export * from './src/client';
export { default } from './src/client';
