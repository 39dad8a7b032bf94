export * from './src/client-v2';
export { default } from './src/client-v2';
