// The UI's public surface: components, their state shapes and the pure helpers the entry points need.
export { Panel, PanelBody, type PanelProps } from './Panel';
export { ProgrammeView, type ProgrammeViewProps } from './Programme';
export { Badge, BadgeText, badgeText, type BadgeProps } from './Badge';
export { PopupView, type PopupViewProps, type TabState } from './PopupView';
export { SelectionView, type SelectionViewProps } from './SelectionView';
export { OptionsView, type OptionsViewProps } from './OptionsView';
export { CellView, CellLoading, CellFigures, CellSecret, CellNone, CellError } from './cells';
export { IndicatorBars } from './Indicators';
export { SansPerspectivesNotice } from './SansPerspectives';
export { DetailsDrawer, ValeurAjoutee } from './Details';
export { EtablissementView, type EtablissementViewProps } from './Etablissement';
export * from './panel-state';
export * from './classify-search';
export * from './validate-options';
