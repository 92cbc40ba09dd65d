import { render } from 'preact';

render(<main><h1>InserJeunes</h1></main>, document.getElementById('app')!);
